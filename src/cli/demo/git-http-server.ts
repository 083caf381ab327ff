/**
 * A git smart-HTTP server: a Node http(s) server on 127.0.0.1 that runs the machine's
 * `git http-backend` as a CGI program for every request, so clients talk to the same code
 * GitHub-style servers run. `flotilla demo` serves `examples/` with it; the tests use it
 * (through test/support/git-server.ts) as their real git server.
 *
 * What callers get on top of plain `git http-backend`:
 * - optional basic auth (and an optional bearer token), answered with 401 and a
 *   `WWW-Authenticate` challenge as real servers do;
 * - a log of every request (kind, status, bytes each way, whether credentials were sent),
 *   so a test can assert, say, that a no-change check never asked for a pack;
 * - an interceptor to fail, slow, redirect or cut requests;
 * - pushes over HTTP (`http.receivepack` is switched on);
 * - optional TLS (tests make a throwaway certificate with test/support's `createTestCertificate`).
 *
 * Usage:
 *   const server = await startGitServer({ root });
 *   const url = server.url('apps.git');   // bare repository <root>/apps.git
 *   ...
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Credentials the server demands. `token` additionally accepts `Authorization: Bearer <token>`. */
export interface GitServerAuth {
  username: string;
  password: string;
  token?: string;
}

export interface GitServerOptions {
  /** Directory holding bare repositories; `url('x.git')` serves `<root>/x.git`. */
  root: string;
  /** When set, every request must carry these credentials. */
  auth?: GitServerAuth;
  /** When set, serve HTTPS with this PEM key and certificate instead of HTTP. */
  tls?: { key: string; cert: string };
  /** Copy what `git http-backend` writes to stderr to this process's stderr when it fails. */
  debug?: boolean;
}

/**
 * What a request was for. `info-refs` is the ref advertisement (GET /info/refs), `ls-refs` a
 * protocol v2 ref listing, `fetch` a pack negotiation and download (v1 POST git-upload-pack
 * or v2 `command=fetch`), `receive-pack` a push.
 */
export type GitRequestKind = 'info-refs' | 'ls-refs' | 'fetch' | 'receive-pack' | 'other';

export interface GitServerRequest {
  method: string;
  /** URL path without the query, e.g. `/apps.git/info/refs`. */
  path: string;
  query: string;
  kind: GitRequestKind;
  status: number;
  /** Bytes of the request body as they came over the wire (before gunzip). */
  requestBytes: number;
  /** Bytes of the response body sent back. */
  responseBytes: number;
  /** Whether the request carried an Authorization header at all. */
  sentCredentials: boolean;
  /** Whether the request passed the server's auth check (always true without `auth`). */
  authorized: boolean;
}

/** What the interceptor sees before the request reaches git. */
export interface InterceptedRequest {
  method: string;
  path: string;
  query: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * What the interceptor decides: `undefined` lets the request through; `status` answers with
 * that status (e.g. 503) and `body`; `redirect` answers 302 (or `redirectStatus`) to that URL;
 * `destroy` cuts the connection without an answer. An interceptor may await before deciding,
 * which slows the request down.
 */
export type InterceptDecision =
  | undefined
  | { status: number; body?: string }
  | { redirect: string; redirectStatus?: 301 | 302 | 307 | 308 }
  | { destroy: true };

export type Interceptor = (request: InterceptedRequest) => InterceptDecision | Promise<InterceptDecision>;

export interface GitServer {
  /** `http(s)://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly root: string;
  /** Every finished request, in order of completion. */
  readonly requests: GitServerRequest[];
  /** URL of the repository `<root>/<repoName>`. */
  url(repoName: string): string;
  /** Totals over `requests`. */
  totals(): { requests: number; requestBytes: number; responseBytes: number };
  /** Forget the request log (e.g. after setting a repository up). */
  clearRequests(): void;
  /** Install (or with `undefined` remove) the interceptor. */
  intercept(interceptor: Interceptor | undefined): void;
  /** Close the server, cut open connections and kill running git processes. */
  stop(): Promise<void>;
}

const cgiHeaderEnd = /\r?\n\r?\n/;

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const requests: GitServerRequest[] = [];
  const children = new Set<ChildProcess>();
  let interceptor: Interceptor | undefined;

  // Entries are logged just before their response ends, so a client that has its answer
  // always finds the request in the log.
  const record = (entry: GitServerRequest): void => {
    requests.push(entry);
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle({ req, res, options, children, record, interceptor: () => interceptor }).catch(
      (error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
        else res.destroy();
      },
    );
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    baseUrl,
    root: options.root,
    requests,
    url: (repoName) => `${baseUrl}/${repoName}`,
    totals: () => ({
      requests: requests.length,
      requestBytes: requests.reduce((n, r) => n + r.requestBytes, 0),
      responseBytes: requests.reduce((n, r) => n + r.responseBytes, 0),
    }),
    clearRequests: () => {
      requests.length = 0;
    },
    intercept: (next) => {
      interceptor = next;
    },
    stop: async () => {
      for (const child of children) child.kill('SIGKILL');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

interface HandleContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  options: GitServerOptions;
  children: Set<ChildProcess>;
  record: (entry: GitServerRequest) => void;
  interceptor: () => Interceptor | undefined;
}

async function handle(ctx: HandleContext): Promise<void> {
  const { req } = ctx;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const entry: GitServerRequest = {
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.search.replace(/^\?/, ''),
    kind: initialKind(req.method ?? 'GET', url),
    status: 0,
    requestBytes: 0,
    responseBytes: 0,
    sentCredentials: req.headers.authorization !== undefined,
    authorized: true,
  };
  const decision = await ctx.interceptor()?.({ method: entry.method, path: entry.path, query: entry.query, headers: req.headers });
  if (decision && 'destroy' in decision) {
    ctx.record(entry);
    req.socket.destroy();
    return;
  }
  if (decision && 'redirect' in decision) {
    answer(ctx, entry, { status: decision.redirectStatus ?? 302, headers: { location: decision.redirect } });
    return;
  }
  if (decision) {
    answer(ctx, entry, { status: decision.status, body: decision.body });
    return;
  }
  if (ctx.options.auth && !isAuthorized(req.headers.authorization, ctx.options.auth)) {
    entry.authorized = false;
    const headers = { 'www-authenticate': 'Basic realm="flotilla-test-git"' };
    answer(ctx, entry, { status: 401, headers, body: 'authentication required\n' });
    return;
  }
  await runBackend(ctx, entry);
}

function initialKind(method: string, url: URL): GitRequestKind {
  if (method === 'GET' && url.pathname.endsWith('/info/refs')) return 'info-refs';
  if (method === 'POST' && url.pathname.endsWith('/git-upload-pack')) return 'fetch';
  if (method === 'POST' && url.pathname.endsWith('/git-receive-pack')) return 'receive-pack';
  return 'other';
}

function answer(
  ctx: HandleContext,
  entry: GitServerRequest,
  reply: { status: number; headers?: Record<string, string>; body?: string | undefined },
): void {
  const body = reply.body ?? '';
  ctx.record({ ...entry, status: reply.status, responseBytes: Buffer.byteLength(body) });
  ctx.res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
  ctx.res.end(body);
  // Drain whatever body the client sends so the connection can be reused.
  ctx.req.resume();
}

function isAuthorized(header: string | undefined, auth: GitServerAuth): boolean {
  if (!header) return false;
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return auth.token !== undefined && safeEqual(value, auth.token);
  if (scheme.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return safeEqual(decoded, `${auth.username}:${auth.password}`);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function backendEnv(ctx: HandleContext, entry: GitServerRequest): NodeJS.ProcessEnv {
  const { req, options } = ctx;
  return {
    PATH: process.env.PATH,
    // Keep the machine's own git configuration out of the test.
    HOME: options.root,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: options.root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    // Protocol v2 is negotiated through this header; http-backend reads it from the env.
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    PATH_INFO: entry.path,
    QUERY_STRING: entry.query,
    REQUEST_METHOD: entry.method,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_USER: options.auth?.username ?? 'anonymous',
  };
}

async function runBackend(ctx: HandleContext, entry: GitServerRequest): Promise<void> {
  const { req, res, children } = ctx;
  const child = spawn('git', ['http-backend'], { env: backendEnv(ctx, entry), stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined); // git may exit before reading all input (e.g. on errors)

  // Count the wire bytes, then undo the gzip git applies to large request bodies.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      entry.requestBytes += chunk.length;
      done(null, chunk);
    },
  });
  let body: Readable = req.pipe(counter);
  if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) body = body.pipe(createGunzip());
  body.once('data', (first: Buffer) => {
    if (entry.kind === 'fetch' && first.includes('command=ls-refs')) entry.kind = 'ls-refs';
  });
  body.pipe(child.stdin);

  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await forwardCgiOutput(child.stdout, res, () => ctx.record(entry), entry);
  const code = await exited;
  children.delete(child);
  if (code !== 0 && stderr.length > 0 && ctx.options.debug) {
    process.stderr.write(`git http-backend: ${Buffer.concat(stderr).toString()}`);
  }
}

/** Parse the CGI header block git writes first, then stream the body through. */
function forwardCgiOutput(
  stdout: Readable,
  res: http.ServerResponse,
  record: () => void,
  entry: GitServerRequest,
): Promise<void> {
  return new Promise((resolve) => {
    let head = Buffer.alloc(0);
    let started = false;
    const finish = (): void => {
      if (!started) {
        entry.status = 502;
        if (!res.headersSent) res.writeHead(502);
      }
      record();
      res.end(() => resolve());
    };
    stdout.on('data', (chunk: Buffer) => {
      if (started) {
        entry.responseBytes += chunk.length;
        if (!res.write(chunk)) {
          stdout.pause();
          res.once('drain', () => stdout.resume());
        }
        return;
      }
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      const match = cgiHeaderEnd.exec(text);
      if (!match) return;
      started = true;
      const { status, headers } = parseCgiHeaders(text.slice(0, match.index));
      entry.status = status;
      res.writeHead(status, headers);
      const rest = head.subarray(match.index + match[0].length);
      entry.responseBytes += rest.length;
      res.write(rest);
    });
    stdout.on('end', finish);
    stdout.on('error', finish);
  });
}

function parseCgiHeaders(block: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}
