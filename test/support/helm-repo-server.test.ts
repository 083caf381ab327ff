import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmBinary, packagedCharts, runHelm, startHelmRepoServer, type HelmRepoServer } from './helm-repo-server.js';

const GREETER = join(import.meta.dirname, '../fixtures/helm-e2e/charts/greeter');
const auth = { username: 'charts', password: 'pa55word' };

describe('startHelmRepoServer', () => {
  let helm: string;
  let open: HelmRepoServer;
  let locked: HelmRepoServer;
  let work: string;

  beforeAll(async () => {
    helm = await helmBinary();
    work = await mkdtemp(join(tmpdir(), 'helm-repo-test-'));
    open = await startHelmRepoServer({ helm, charts: [{ dir: GREETER }, { dir: GREETER, version: '0.2.0' }] });
    locked = await startHelmRepoServer({ helm, charts: [{ dir: GREETER }], auth });
  });

  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** `helm pull` into a fresh directory; resolves to the file names it wrote. */
  async function pull(repo: HelmRepoServer, extra: string[]): Promise<string[]> {
    const out = await mkdtemp(join(work, 'pull-'));
    await runHelm(helm, ['pull', 'greeter', '--repo', repo.url, '--destination', out, ...extra]);
    return readdir(out);
  }

  it('the helm binary is helm 4', async () => {
    expect(await runHelm(helm, ['version', '--short'])).toMatch(/^v4\./);
  });

  it('serves an index listing every packaged version with absolute chart URLs', async () => {
    const index = parse(await (await fetch(`${open.url}/index.yaml`)).text());
    const versions = index.entries.greeter.map((e: { version: string; urls: string[] }) => [e.version, e.urls]);
    expect(versions.sort()).toEqual([
      ['0.1.0', [open.chartUrl('greeter', '0.1.0')]],
      ['0.2.0', [open.chartUrl('greeter', '0.2.0')]],
    ]);
    expect(await packagedCharts(open.dir)).toEqual(['greeter-0.1.0.tgz', 'greeter-0.2.0.tgz']);
  });

  const pullCases = [
    { name: 'helm pulls an exact version', extra: ['--version', '0.1.0'], file: 'greeter-0.1.0.tgz' },
    { name: 'helm resolves a semver range to the newest matching version', extra: ['--version', '^0.1.0 || >=0.2.0 <1.0.0'], file: 'greeter-0.2.0.tgz' },
    { name: 'helm pulls the newest version when none is given', extra: [], file: 'greeter-0.2.0.tgz' },
  ];
  it.each(pullCases)('$name', async ({ extra, file }) => {
    expect(await pull(open, extra)).toEqual([file]);
  });

  it('logs each request without credentials when none were sent', async () => {
    open.clearRequests();
    await pull(open, ['--version', '0.1.0']);
    expect(open.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/index.yaml', 200],
      ['GET', '/greeter-0.1.0.tgz', 200],
    ]);
    expect(open.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  const authCases = [
    { name: 'a pull without credentials is refused with 401', extra: [], ok: false },
    { name: 'a pull with a wrong password is refused', extra: ['--username', auth.username, '--password', 'wrong'], ok: false },
    { name: 'a pull with the right user and password is served', extra: ['--username', auth.username, '--password', auth.password], ok: true },
  ];
  it.each(authCases)('$name', async ({ extra, ok }) => {
    locked.clearRequests();
    const run = pull(locked, ['--version', '0.1.0', ...extra]);
    if (ok) await expect(run).resolves.toEqual(['greeter-0.1.0.tgz']);
    else await expect(run).rejects.toThrow(/401|Unauthorized/i);
    expect(locked.requests.length).toBeGreaterThan(0);
    if (ok) expect(locked.requests.every((r) => r.status === 200 && r.user === auth.username)).toBe(true);
    else expect(locked.requests.every((r) => r.status === 401)).toBe(true);
  });

  it('refuses connections while down and serves again on the same URL after coming back', async () => {
    await open.goDown();
    await expect(fetch(`${open.url}/index.yaml`)).rejects.toThrow();
    await expect(pull(open, ['--version', '0.1.0'])).rejects.toThrow(/connection refused/i);
    await open.comeBack();
    expect(await pull(open, ['--version', '0.1.0'])).toEqual(['greeter-0.1.0.tgz']);
  });

  it('adds another version that the index then lists', async () => {
    await open.addChart({ dir: GREETER, version: '0.3.0', appVersion: '3.0.0' });
    expect(await pull(open, [])).toEqual(['greeter-0.3.0.tgz']);
  });

  const pathCases = [
    { name: 'a path outside the repository directory is not served', path: '/..%2F..%2Fetc%2Fpasswd' },
    { name: 'a file that is neither index.yaml nor a chart is not served', path: '/Chart.yaml' },
  ];
  it.each(pathCases)('$name', async ({ path }) => {
    expect((await fetch(`${open.url}${path}`)).status).toBe(404);
  });
});
