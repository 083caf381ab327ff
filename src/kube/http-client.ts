/**
 * The HTTP plumbing every request of this folder goes through: one keep-alive agent per
 * server with the TLS material and credentials client-node's KubeConfig resolves
 * (`applyToHTTPSOptions`), paths appended to the server URL so logical clusters under a
 * path prefix work, and answers of 400 and above turned into `ApiError`. `close()` destroys
 * every socket of the client (with pools shared between clients, every connection serving one
 * of its requests), so nothing of it outlives the client.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError } from './api-error.js';
import type { DurationLike } from './duration.js';
import { newPoolAgent, type ConnectionPools, type HeldConnections } from './connection-pools.js';
import type { TlsMaterial } from './secure-context-pool.js';

export type { TlsMaterial } from './secure-context-pool.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface KubeRequest {
  method: HttpMethod;
  /** An API path (`/api/v1/namespaces`), appended to the server URL's own path. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON unless already a string. */
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  signal?: AbortSignal;
}

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface KubeHttpClientOptions {
  userAgent?: string;
  /** How long a non-streaming request may take; default 60 s. */
  requestTimeout?: DurationLike;
  /**
   * How long a keep-alive connection may sit idle before the client closes it; default 30 s,
   * longer than an agent's heartbeat, so a beat reuses its connection. Without a limit, every
   * connection a burst of requests opened stayed open until the server's 65 s: an agent at rest
   * held ten TLS connections where it needs its watches and one more.
   */
  idleSocketTimeout?: DurationLike;
  /**
   * Where the client takes its keep-alive connections from, shared with the process's other
   * clients of the same server and TLS material (connection-pools.ts); without it the client
   * keeps a pool of its own.
   */
  connections?: ConnectionPools;
}

const DEFAULT_IDLE_SOCKET_MS = 30_000;

interface Credentials {
  tls: TlsMaterial;
  headers: OutgoingHttpHeaders;
  auth: string | undefined;
}

async function resolveCredentials(kc: KubeConfig): Promise<Credentials> {
  const opts: RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  // applyToHTTPSOptions also builds an agent per call; we keep one of our own instead so
  // connections are reused and can all be closed. Its agent has opened nothing yet.
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = opts;
  return { tls: { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername }, headers: { ...((opts.headers as OutgoingHttpHeaders | undefined) ?? {}) }, auth: opts.auth ?? undefined };
}

/**
 * The agent's socket timeout closes a connection idle in the pool; a request in flight sets its
 * own (requestTimeout), and an open watch ignores it (nothing listens for its timeout event).
 */
function idleMs(options: { idleSocketTimeout?: DurationLike }): number {
  return options.idleSocketTimeout?.toMilliseconds() ?? DEFAULT_IDLE_SOCKET_MS;
}

export class KubeHttpClient {
  private closed = false;
  /** This client's requests in flight (watches included), ended on close even when the pool is shared. */
  private readonly requests = new Set<ClientRequest>();

  private constructor(
    private readonly kc: KubeConfig,
    private readonly base: URL,
    private readonly agent: HttpAgent,
    private credentials: Credentials,
    private readonly options: KubeHttpClientOptions & { shared?: HeldConnections },
  ) {}

  /** The shared pool this client holds, if any. */
  private get shared(): HeldConnections | undefined {
    return this.options.shared;
  }

  static async create(kc: KubeConfig, options: KubeHttpClientOptions = {}): Promise<KubeHttpClient> {
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) throw new Error(`the kubeconfig's current context "${kc.getCurrentContext()}" names no cluster with a server URL`);
    const base = new URL(cluster.server);
    const credentials = await resolveCredentials(kc);
    // The pool is chosen once, as the TLS material was before: credentials resolved again after a 401 renew headers only.
    const shared = options.connections?.acquire({ server: base, tls: credentials.tls, idleSocketTimeoutMs: idleMs(options) });
    const agent = shared?.agent ?? newPoolAgent({ protocol: base.protocol, tls: credentials.tls, idleSocketTimeoutMs: idleMs(options) });
    return new KubeHttpClient(kc, base, agent, credentials, { ...options, ...(shared ? { shared } : {}) });
  }

  /** The server URL, with the path prefix of a logical cluster if it has one. */
  get server(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  /** Sends a request and reads the whole answer; throws ApiError for HTTP 400 and above. */
  async request(req: KubeRequest): Promise<KubeResponse> {
    const res = await this.send(req, { stream: false });
    const body = await readBody(res, req.signal);
    const status = res.statusCode ?? 0;
    if (status >= 400) throw ApiError.fromResponse(status, body, { method: req.method, path: req.path });
    return { status, headers: res.headers, body };
  }

  async requestJson<T>(req: KubeRequest): Promise<T> {
    const { body } = await this.request(req);
    return JSON.parse(body) as T;
  }

  /** Opens a streaming answer (watch); throws ApiError when the server refuses it. */
  async stream(req: KubeRequest): Promise<IncomingMessage> {
    const res = await this.send(req, { stream: true });
    const status = res.statusCode ?? 0;
    if (status >= 400) throw ApiError.fromResponse(status, await readBody(res, req.signal), { method: req.method, path: req.path });
    return res;
  }

  /** Connections serving a request or watch right now (idle keep-alive ones not counted); with shared connections, those of every client sharing them. */
  get activeConnections(): number {
    return countSockets(this.agent.sockets) + (this.shared ? countSockets(this.shared.watchAgent.sockets) : 0);
  }

  /** Connections open and idle, kept for the next request. */
  get idleConnections(): number {
    return countSockets(this.agent.freeSockets) + (this.shared ? countSockets(this.shared.watchAgent.freeSockets) : 0);
  }

  /** Closes every connection, including open watches (with shared pools: ends this client's requests and releases the pool). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.shared) return this.agent.destroy();
    // The connections are shared: end this client's own requests (their connections go with them) and leave the others'.
    for (const r of this.requests) r.destroy();
    this.requests.clear();
    this.shared.release();
  }

  private async send(req: KubeRequest, how: { stream: boolean }): Promise<IncomingMessage> {
    const res = await this.sendOnce(req, how);
    if (res.statusCode !== 401) return res;
    // Short-lived credentials (exec plugins, OIDC) may have expired: resolve them again once.
    res.resume();
    this.credentials = await resolveCredentials(this.kc);
    return this.sendOnce(req, how);
  }

  private sendOnce(req: KubeRequest, how: { stream: boolean }): Promise<IncomingMessage> {
    if (this.closed) return Promise.reject(new Error('the Kubernetes client is closed'));
    const url = this.urlFor(req);
    const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', ...this.credentials.headers };
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    if (payload !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const agent = how.stream ? (this.shared?.watchAgent ?? this.agent) : this.agent;
      const r = send(url, { method: req.method, headers, agent, auth: this.credentials.auth, signal: req.signal }, resolve);
      if (this.shared) {
        this.requests.add(r);
        r.on('close', () => this.requests.delete(r));
      }
      r.on('error', reject);
      if (!how.stream) {
        const ms = this.options.requestTimeout?.toMilliseconds() ?? 60_000;
        r.setTimeout(ms, () => r.destroy(Object.assign(new Error(`${req.method} ${req.path} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })));
      }
      r.end(payload);
    });
  }

  private urlFor(req: KubeRequest): URL {
    const url = new URL(this.base.toString());
    url.pathname = url.pathname.replace(/\/$/, '') + req.path;
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url;
  }
}

function countSockets(byName: NodeJS.ReadOnlyDict<unknown[]>): number {
  return Object.values(byName).reduce((n, list) => n + (list?.length ?? 0), 0);
}

function readBody(res: IncomingMessage, signal?: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (signal?.aborted) {
      res.destroy();
      return reject(signal.reason);
    }
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' })));
  });
}
