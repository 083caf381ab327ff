/**
 * A fetch cut off while the pack is on its way (git unreachable, a proxy or the process
 * dying): isomorphic-git has by then written the new commit into the cache's `shallow` file
 * though its objects never arrived. The next fetch, once git answers again, must still bring
 * the commit, not declare it held and fail for ever with RevisionNotFound.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, createBareRepo } from '../../test/support/git-repo.js';
import { startGitServer, type GitServer } from '../../test/support/git-server.js';
import { fetchRevision } from './fetch-revision.js';

/** Text that does not compress away, so the pack is long enough to be cut in its middle. */
function noise(seed: string, bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += createHash('sha256').update(`${seed}-${i}`).digest('hex');
  return text.slice(0, bytes);
}

interface CuttingProxy {
  url(repoName: string): string;
  /** While true, every response is cut a little after a pack's `PACK` signature. */
  cutting: boolean;
  cuts: number;
  stop(): Promise<void>;
}

/** A TCP proxy to the git server that can cut upload-pack responses in the middle of the pack. */
async function startCuttingProxy(target: URL): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: CuttingProxy = { url: (name) => `http://127.0.0.1:${port}/${name}`, cutting: true, cuts: 0, stop };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const pack = proxy.cutting ? chunk.indexOf('PACK') : -1;
      if (pack < 0) return void client.write(chunk);
      proxy.cuts += 1;
      client.end(chunk.subarray(0, pack + 64), () => client.destroy());
      upstream.destroy();
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  async function stop(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return proxy;
}

describe('fetchRevision after a fetch cut off in the middle of its pack', () => {
  let root: string;
  let server: GitServer;
  let proxy: CuttingProxy;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-interrupted-'));
    server = await startGitServer({ root });
    proxy = await startCuttingProxy(new URL(server.baseUrl));
  });

  afterAll(async () => {
    await proxy.stop();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('fetches the commit once git answers again, though the cut left it listed as shallow', async () => {
    const repo = await createBareRepo(root, 'apps.git');
    const url = proxy.url('apps.git');
    const dir = join(root, 'cache');
    const deadline = { timeout: undefined, signal: AbortSignal.timeout(60_000) };
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`a/cm-${i}.yaml`] = `value: ${noise(`one-${i}`, 8192)}\n`;
    await commitFiles(repo, { files });
    proxy.cutting = false;
    await fetchRevision({ url, branch: 'main', dir, ...deadline });

    const next = await commitFiles(repo, { files: { 'a/cm-2.yaml': `value: ${noise('two', 16384)}\n` } });
    proxy.cutting = true;
    await expect(fetchRevision({ url, branch: 'main', dir, ...deadline })).rejects.toMatchObject({ reason: 'NetworkError' });
    // The cut landed where isomorphic-git has written `shallow` but not the pack.
    expect(proxy.cuts).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'repo.git', 'shallow'), 'utf8')).toContain(next);

    proxy.cutting = false;
    const mended = await fetchRevision({ url, branch: 'main', dir, ...deadline });
    expect(mended.commit).toBe(next);
    expect(await readFile(join(mended.dir, 'a/cm-2.yaml'), 'utf8')).toBe(`value: ${noise('two', 16384)}\n`);
    expect(await readFile(join(mended.dir, 'a/cm-5.yaml'), 'utf8')).toBe(files['a/cm-5.yaml']);
  }, 120_000);
});
