/**
 * Asking for thin packs in isomorphic-git's protocol v1 fetches.
 *
 * Why: a depth-1 fetch declares the cached commit `shallow` and asks to `deepen 1`, so the
 * server grafts the wanted commit as parentless. Without `thin-pack`, git's upload-pack then
 * finds no edge between the wanted commit and the `have`, and sends the whole tree again;
 * with `thin-pack` (what `git fetch --depth 1` sends) it excludes every object the `have`'s
 * tree holds and sends about the changed objects only. isomorphic-git leaves `thin-pack`
 * out because canonical git cannot read a thin pack stored as is; our object cache is only
 * ever read by isomorphic-git, which resolves a thin pack's outside bases from the other
 * packs of the cache, so it is safe to ask for one there.
 *
 * Pure functions on pkt-line bytes; the HTTP client applies them.
 */

const thinPack = 'thin-pack';

/**
 * The capabilities of a protocol v1 `git-upload-pack` ref advertisement, read from the
 * start of its body (`# service=…`, flush, then the first ref line `<oid> <ref>\0<caps>`).
 * Empty for a v2 advertisement; undefined while the bytes do not yet hold the first line after the comment.
 */
export function advertisedCapabilities(prefix: Buffer): Set<string> | undefined {
  for (const line of pktLines(prefix)) {
    const nul = line.indexOf(0);
    if (nul >= 0) return new Set(line.subarray(nul + 1).toString('utf8').trim().split(' ').filter(Boolean));
    // A first line without capabilities: a protocol v2 advertisement (`version 2`), which offers none this way.
    if (!line.toString('utf8').startsWith('#')) return new Set();
  }
  return undefined;
}

/** Whether an advertisement start (see advertisedCapabilities) offers thin packs; undefined while unknown. */
export function advertisesThinPack(prefix: Buffer): boolean | undefined {
  return advertisedCapabilities(prefix)?.has(thinPack);
}

/**
 * A v1 upload-pack request with `thin-pack` added to the capabilities of its first `want`
 * line; any other body (a v2 command, a request already asking for it) is returned as is.
 */
export function requestThinPack(body: Buffer): Buffer {
  const length = pktLength(body, 0);
  if (length === undefined || length < 4) return body;
  const first = body.subarray(4, length).toString('utf8');
  if (!first.startsWith('want ') || !first.endsWith('\n')) return body;
  if (first.slice(0, -1).split(' ').slice(2).includes(thinPack)) return body;
  return Buffer.concat([pktLine(`${first.slice(0, -1)} ${thinPack}\n`), body.subarray(length)]);
}

/**
 * A v1 upload-pack request that also declares `haves` (commits the cache holds) before its
 * `done`, skipping any it declares already. isomorphic-git offers one `have`, the last fetched
 * commit; a commit whose objects the cache holds under another (an older commit, a branch
 * switched back, a revert) is then sent again in a thin pack whose deltas can refer into the
 * packs holding those same objects, a cycle isomorphic-git follows for ever when reading them.
 * Told every commit it holds, the server sends none of their objects. Any other body is returned as is.
 */
export function declareHaves(body: Buffer, haves: readonly string[]): Buffer {
  const lines: Buffer[] = [];
  let offset = 0;
  for (let length = pktLength(body, offset); length !== undefined; length = pktLength(body, offset)) {
    lines.push(body.subarray(offset, offset + Math.max(length, 4)));
    offset += Math.max(length, 4);
  }
  const text = lines.map((l) => l.subarray(4).toString('utf8'));
  const done = text.lastIndexOf('done\n');
  if (offset !== body.length || done < 0 || !text[0]?.startsWith('want ')) return body;
  const declared = new Set(text.filter((t) => t.startsWith('have ')).map((t) => t.slice(5).trim()));
  const extra = haves.filter((h) => /^[0-9a-f]{40}$/.test(h) && !declared.has(h)).map((h) => pktLine(`have ${h}\n`));
  if (extra.length === 0) return body;
  return Buffer.concat([...lines.slice(0, done), ...extra, ...lines.slice(done)]);
}

function pktLine(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0'), 'ascii'), payload]);
}

/** The length field of the pkt-line at `offset` (0 for a flush), or undefined when it is incomplete or malformed. */
function pktLength(buffer: Buffer, offset: number): number | undefined {
  if (buffer.length < offset + 4) return undefined;
  const hex = buffer.subarray(offset, offset + 4).toString('ascii');
  if (!/^[0-9a-f]{4}$/i.test(hex)) return undefined;
  const length = Number.parseInt(hex, 16);
  if (length !== 0 && (length < 4 || buffer.length < offset + length)) return undefined;
  return length;
}

/** The payloads of the complete pkt-lines at the start of `buffer`, flushes skipped. */
function* pktLines(buffer: Buffer): Generator<Buffer> {
  let offset = 0;
  for (let length = pktLength(buffer, offset); length !== undefined; length = pktLength(buffer, offset)) {
    if (length > 0) yield buffer.subarray(offset + 4, offset + length);
    offset += Math.max(length, 4);
  }
}
