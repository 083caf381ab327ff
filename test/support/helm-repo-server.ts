/**
 * A real Helm chart repository for tests: a Node HTTP server on 127.0.0.1 (ephemeral port)
 * serving `index.yaml` and chart `.tgz` files, both made by the real `helm` (`helm package`
 * of fixture chart directories, `helm repo index` for the index), so clients see exactly
 * what a chart repository such as ChartMuseum or GitHub Pages serves.
 *
 * What tests get on top of a static file server:
 * - optional basic auth, answered with 401 and a `WWW-Authenticate` challenge otherwise;
 * - a log of every request with the Authorization header it carried, so a test can assert
 *   where credentials went;
 * - `goDown()` closes the listener (clients get "connection refused") and `comeBack()`
 *   listens again on the same port, for tests of an unreachable repository;
 * - `addChart()` packages another chart (or another version of one) and re-indexes.
 *
 * Usage:
 *   const helm = await helmBinary();
 *   const repo = await startHelmRepoServer({ helm, charts: [{ dir: 'test/fixtures/helm-e2e/charts/greeter' }] });
 *   // fleet.yaml: helm: { repo: repo.url, chart: greeter, version: 0.1.0 }
 *   await repo.stop();
 */
import { execFile } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { locateHelm } from '../../src/bundle/helm/index.js';

const execFileAsync = promisify(execFile);

/**
 * The helm binary the tests use: `$FLOTILLA_TEST_HELM` when set, else the one Flotilla
 * itself renders with (src/bundle/helm's `locateHelm`: helm 4 from the layer package,
 * extracted once and checked by version), so tests and the controller run the same helm.
 */
export async function helmBinary(): Promise<string> {
  return (await locateHelm(process.env.FLOTILLA_TEST_HELM ? { binary: process.env.FLOTILLA_TEST_HELM } : {})).path;
}

/**
 * Runs helm with its config, cache and data kept in a throwaway directory (never the user's
 * repositories or registry logins); resolves to stdout and stderr together.
 */
export async function runHelm(helm: string, args: readonly string[]): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'flotilla-helm-home-'));
  try {
    const env = { PATH: process.env.PATH, HOME: home, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
    const { stdout, stderr } = await execFileAsync(helm, [...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed: ${e.stderr ?? e.message}`, { cause: err });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** A chart directory to package, optionally under another version than its Chart.yaml's. */
export interface ChartSource {
  dir: string;
  version?: string;
  appVersion?: string;
}

export interface HelmRepoAuth {
  username: string;
  password: string;
}

export interface HelmRepoServerOptions {
  /** The helm binary (see helmBinary()). */
  helm: string;
  charts?: readonly ChartSource[];
  /** When set, every request must carry these credentials (basic auth). */
  auth?: HelmRepoAuth;
}

export interface HelmRepoRequest {
  method: string;
  /** URL path without the query, e.g. `/index.yaml`. */
  path: string;
  status: number;
  /** The Authorization header as sent, or undefined. */
  authorization: string | undefined;
  /** The user name of a basic Authorization header, or undefined. */
  user: string | undefined;
}

export interface HelmRepoServer {
  /** `http://127.0.0.1:<port>`, the repository URL for `helm.repo` (no trailing slash). */
  readonly url: string;
  /** Directory holding the packaged charts and index.yaml. */
  readonly dir: string;
  readonly requests: readonly HelmRepoRequest[];
  clearRequests(): void;
  /** Full URL of a packaged chart, e.g. for `helm.chart: <url>`. */
  chartUrl(name: string, version: string): string;
  /** Packages one more chart (or version) and rewrites index.yaml; resolves to the .tgz path. */
  addChart(source: ChartSource): Promise<string>;
  /** Stops listening and drops open connections: clients get "connection refused". */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

/** `helm package` a chart directory into `outDir`; resolves to the .tgz's path. */
export async function packageChart(helm: string, source: ChartSource, outDir: string): Promise<string> {
  const args = ['package', source.dir, '--destination', outDir];
  if (source.version) args.push('--version', source.version);
  if (source.appVersion) args.push('--app-version', source.appVersion);
  const out = await runHelm(helm, args);
  // "Successfully packaged chart and saved it to: <path>"
  const saved = /saved it to: (.+\.tgz)\s*$/m.exec(out)?.[1];
  if (!saved) throw new Error(`helm package printed no chart path:\n${out}`);
  return saved.trim();
}

function basicUser(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  return decoded.split(':')[0];
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authorized(auth: HelmRepoAuth | undefined, header: string | undefined): boolean {
  if (!auth) return true;
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return header !== undefined && sameText(header, expected);
}

/** Only index.yaml and .tgz files directly in the directory are served; nothing else is reachable. */
async function servedFile(dir: string, path: string): Promise<string | undefined> {
  const name = decodeURIComponent(path.replace(/^\/+/, ''));
  if (name !== 'index.yaml' && !name.endsWith('.tgz')) return undefined;
  if (name.includes('/') || name.includes('\\') || name.startsWith('.')) return undefined;
  const file = join(dir, name);
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

export async function startHelmRepoServer(options: HelmRepoServerOptions): Promise<HelmRepoServer> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-helm-repo-'));
  const requests: HelmRepoRequest[] = [];
  const sockets = new Set<Socket>();
  let url = '';

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const authorization = req.headers.authorization;
    const answer = (status: number, headers: http.OutgoingHttpHeaders = {}) => {
      requests.push({ method: req.method ?? '', path, status, authorization, user: basicUser(authorization) });
      res.writeHead(status, headers);
    };
    if (!authorized(options.auth, authorization)) {
      answer(401, { 'WWW-Authenticate': 'Basic realm="charts"', 'Content-Type': 'text/plain' });
      res.end('unauthorized\n');
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? await servedFile(dir, path) : undefined;
    if (!file) {
      answer(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    const size = (await stat(file)).size;
    answer(200, { 'Content-Type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip', 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  const reindex = () => runHelm(options.helm, ['repo', 'index', dir, '--url', url]);
  const add = async (source: ChartSource): Promise<string> => {
    const tgz = await packageChart(options.helm, source, dir);
    await reindex();
    return tgz;
  };
  try {
    for (const source of options.charts ?? []) await packageChart(options.helm, source, dir);
    await reindex();
  } catch (err) {
    await close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    url,
    dir,
    requests,
    clearRequests: () => void requests.splice(0),
    chartUrl: (name, version) => `${url}/${name}-${version}.tgz`,
    addChart: add,
    goDown: close,
    comeBack: () => listen(port),
    async stop() {
      await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The .tgz files a repository directory holds, by file name (for assertions). */
export async function packagedCharts(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.tgz')).map((f) => basename(f)).sort();
}
