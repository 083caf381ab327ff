/**
 * The snapshot beside the write-ahead log, one line per record after a header line with its
 * resourceVersion, written and read a piece at a time. A snapshot made as one JSON document
 * was one string of the whole state: at 10,000 logical clusters (~26 KiB of default objects
 * each) that string alone was hundreds of megabytes, and past V8's longest string (2^29
 * characters) the snapshot could not be written at all, so the log would never be cut.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { recordLine, type Snapshot, type WalRecord } from './wal-record.js';

/** The current snapshot file: a header line `{"rv":N}`, then one record per line. */
export const SNAPSHOT_FILE = 'snapshot.jsonl';
/** The earlier form, one JSON document `{rv, records}`: still read, replaced by the next snapshot. */
export const LEGACY_SNAPSHOT_FILE = 'snapshot.json';

const CHUNK_CHARS = 1 << 20;

/** The lines of a file, read as a stream (a log segment or snapshot may be larger than one string). */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line) yield line;
  } finally {
    lines.close();
  }
}

/**
 * Writes the snapshot to a temporary file, syncs it (unless `noSync`) and renames it into
 * place, so a crash leaves the old snapshot or the new one, never part of one. Returns its size.
 */
export async function writeSnapshot(dir: string, snapshot: Snapshot, options: { noSync?: boolean } = {}): Promise<number> {
  const tmp = join(dir, `${SNAPSHOT_FILE}.tmp`);
  const handle = await open(tmp, 'w');
  let bytes = 0;
  try {
    let chunk = JSON.stringify({ rv: snapshot.rv }) + '\n';
    for (const record of snapshot.records) {
      chunk += recordLine(record) + '\n';
      if (chunk.length < CHUNK_CHARS) continue;
      bytes += (await handle.write(chunk)).bytesWritten;
      chunk = '';
    }
    if (chunk) bytes += (await handle.write(chunk)).bytesWritten;
    if (!options.noSync) await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, SNAPSHOT_FILE));
  await unlink(join(dir, LEGACY_SNAPSHOT_FILE)).catch(() => undefined);
  return bytes;
}

/** The snapshot and its size in bytes, or undefined when there is none. */
export async function readSnapshot(dir: string): Promise<{ snapshot: Snapshot; bytes: number } | undefined> {
  const path = join(dir, SNAPSHOT_FILE);
  let bytes: number;
  try {
    bytes = (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return readLegacySnapshot(dir);
  }
  let rv: number | undefined;
  const records: WalRecord[] = [];
  for await (const line of fileLines(path)) {
    if (rv === undefined) rv = (JSON.parse(line) as { rv: number }).rv;
    else records.push(JSON.parse(line) as WalRecord);
  }
  return { snapshot: { rv: rv ?? 0, records }, bytes };
}

async function readLegacySnapshot(dir: string): Promise<{ snapshot: Snapshot; bytes: number } | undefined> {
  try {
    const text = await readFile(join(dir, LEGACY_SNAPSHOT_FILE), 'utf8');
    return { snapshot: JSON.parse(text) as Snapshot, bytes: text.length };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return undefined;
  }
}
