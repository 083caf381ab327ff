/**
 * Charts from the network, rendered as the controller and `flotilla test` render them: a
 * chart repository served over HTTP on 127.0.0.1 by node:http (index.yaml and a .tgz made
 * with `helm package` from test/fixtures/helm/web), with and without basic auth, a chart
 * .tgz at a plain URL, and a second server on another origin that must never see the
 * credentials. Fetched charts are stored as bundle files and rendered with no network.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/api/meta.js';
import { BundleError, renderBundle, type SourceFile } from '../../../src/bundle/index.js';
import { fetchBundleCharts, helmTemplate, locateHelm, type HelmRunner } from '../../../src/bundle/helm/index.js';
import type { FleetYaml } from '../../../src/bundle/index.js';

const CHART_DIR = fileURLToPath(new URL('../../fixtures/helm/web', import.meta.url));
const credentials = { username: 'fleet', password: 's3cret' };

interface Served {
  server: Server;
  url: string;
  seen: Array<{ path: string; headers: IncomingHttpHeaders }>;
}

async function serve(routes: (path: string) => Buffer | string | undefined, auth?: { username: string; password: string }): Promise<Served> {
  const seen: Served['seen'] = [];
  const expected = auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` : undefined;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, headers: req.headers });
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end();
      return;
    }
    const body = routes(path);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function indexYaml(entries: Array<{ version: string; url: string; digest?: string }>): string {
  const lines = entries.map((e) => `    - {name: web, version: "${e.version}", urls: ["${e.url}"]${e.digest ? `, digest: "${e.digest}"` : ''}}`);
  return `apiVersion: v1\nentries:\n  web:\n${lines.join('\n')}\n`;
}

const configOf = (objects: readonly KubeObject[]): Record<string, string> =>
  ((objects.find((o) => o.metadata.name?.endsWith('-config')) as { data?: Record<string, string> } | undefined)?.data ?? {});

let runner: HelmRunner;
let tgz: Buffer;
let digest: string;
const servers: Server[] = [];
const temps: string[] = [];

beforeAll(async () => {
  const helm = await locateHelm();
  runner = helmTemplate({ helm });
  const out = await mkdtemp(join(tmpdir(), 'flotilla-helm-repo-'));
  temps.push(out);
  await promisify(execFile)(helm.path, ['package', CHART_DIR, '--destination', out], { env: { HOME: out, HELM_CACHE_HOME: out, HELM_CONFIG_HOME: out, HELM_DATA_HOME: out } });
  tgz = await readFile(join(out, 'web-0.1.0.tgz'));
  digest = createHash('sha256').update(tgz).digest('hex');
}, 120_000);

afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function started(routes: (path: string) => Buffer | string | undefined, auth?: typeof credentials): Promise<Served> {
  const s = await serve(routes, auth);
  servers.push(s.server);
  return s;
}

async function renderFetched(fleetYaml: FleetYaml, fetch: Parameters<typeof fetchBundleCharts>[1] = {}): Promise<KubeObject[]> {
  const fetched = await fetchBundleCharts(fleetYaml, fetch);
  const files: SourceFile[] = fetched.map((f) => f.file);
  return (await renderBundle({ files }, { helm: fleetYaml.helm ?? {}, helmRunner: runner })).manifests;
}

describe('a chart from a Helm repository over HTTP', () => {
  it('resolves a version range from index.yaml, fetches the archive and renders it with the values', async () => {
    const repo = await started((p) => (p === '/stable/index.yaml' ? indexYaml([{ version: '0.1.0', url: 'web-0.1.0.tgz', digest }, { version: '0.2.0-rc.1', url: 'web-0.2.0-rc.1.tgz' }]) : p === '/stable/web-0.1.0.tgz' ? tgz : undefined));
    const fleetYaml: FleetYaml = { helm: { repo: `${repo.url}/stable`, chart: 'web', version: '^0.1.0', releaseName: 'shop', values: { message: 'from-repo' } } };
    const fetched = await fetchBundleCharts(fleetYaml);
    expect(fetched.map((f) => ({ version: f.version, url: f.url }))).toEqual([{ version: '0.1.0', url: `${repo.url}/stable/web-0.1.0.tgz` }]);
    expect(configOf(await renderFetched(fleetYaml))).toMatchObject({ message: 'from-repo', release: 'shop' });
  }, 60_000);

  it('sends basic auth to the repository and never to a chart archive on another origin', async () => {
    const cdn = await started((p) => (p === '/web-0.1.0.tgz' ? tgz : undefined));
    const repo = await started((p) => (p === '/index.yaml' ? indexYaml([{ version: '0.1.0', url: `${cdn.url}/web-0.1.0.tgz` }]) : undefined), credentials);
    const fleetYaml: FleetYaml = { helm: { repo: repo.url, chart: 'web', version: '0.1.0', releaseName: 'shop' } };
    const objects = await renderFetched(fleetYaml, { scope: { credentials } });
    expect(configOf(objects)).toMatchObject({ release: 'shop' });
    expect(repo.seen.map((s) => s.headers.authorization)).toEqual([`Basic ${Buffer.from('fleet:s3cret').toString('base64')}`]);
    expect(cdn.seen).toHaveLength(1);
    expect(cdn.seen[0]?.headers.authorization).toBeUndefined();
  }, 60_000);

  it('fetches a chart .tgz at a URL without any credentials', async () => {
    const host = await started((p) => (p === '/charts/web-0.1.0.tgz' ? tgz : undefined));
    const fleetYaml: FleetYaml = { helm: { chart: `${host.url}/charts/web-0.1.0.tgz` } };
    const objects = await renderFetched(fleetYaml, { scope: { credentials } });
    expect(configOf(objects)).toMatchObject({ release: 'web' });
    expect(host.seen[0]?.headers.authorization).toBeUndefined();
  }, 60_000);

  const failures = [
    { name: 'a repository that refuses the credentials fails on helm.repo', field: 'helm.repo', message: /HTTP 401 \(check helmSecretName\)/, auth: true, version: '0.1.0', index: true },
    { name: 'a version no chart matches fails on helm.version, listing the newest', field: 'helm.version', message: /matches "\^9.0.0" \(newest: 0.1.0\)/, auth: false, version: '^9.0.0', index: true },
    { name: 'a repository without index.yaml fails on helm.repo', field: 'helm.repo', message: /HTTP 404/, auth: false, version: '0.1.0', index: false },
  ];
  it.each(failures)('$name', async ({ field, message, auth, version, index }) => {
    const repo = await started((p) => (index && p === '/index.yaml' ? indexYaml([{ version: '0.1.0', url: 'web-0.1.0.tgz' }]) : undefined), auth ? credentials : undefined);
    const fleetYaml: FleetYaml = { helm: { repo: repo.url, chart: 'web', version } };
    const error = await fetchBundleCharts(fleetYaml, { scope: { credentials: { username: 'fleet', password: 'wrong' } } }).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(BundleError);
    expect(error).toMatchObject({ reason: 'ChartFetchFailed', file: 'fleet.yaml', field });
    expect((error as BundleError).message).toMatch(message);
    expect((error as BundleError).message).not.toContain('wrong');
  }, 60_000);

  it('an unreachable repository fails on helm.repo within the deadline', async () => {
    const closed = await started(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const error = await fetchBundleCharts({ helm: { repo: closed.url, chart: 'web' } }, { timeoutMs: 5_000 }).then(() => undefined, (err: unknown) => err);
    expect(error).toMatchObject({ reason: 'ChartFetchFailed', field: 'helm.repo' });
    expect((error as BundleError).message).toMatch(/ECONNREFUSED/);
  }, 60_000);

  it('an archive that does not match the index digest is refused', async () => {
    const repo = await started((p) => (p === '/index.yaml' ? indexYaml([{ version: '0.1.0', url: 'web-0.1.0.tgz', digest: '0'.repeat(64) }]) : p === '/web-0.1.0.tgz' ? tgz : undefined));
    const error = await fetchBundleCharts({ helm: { repo: repo.url, chart: 'web' } }).then(() => undefined, (err: unknown) => err);
    expect(error).toMatchObject({ reason: 'ChartFetchFailed', field: 'helm.repo' });
    expect((error as BundleError).message).toMatch(/does not match the digest/);
  }, 60_000);
});
