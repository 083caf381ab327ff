/**
 * The HTTP transport isomorphic-git uses, built on node:http/https so that we control what
 * a generic client would not: a custom CA bundle (added to the system roots), credentials
 * sent only to the repository's own origin (never to a host a redirect points at), no
 * downgrade from https to http on redirect, a cap on response bytes, and cancellation
 * through an AbortSignal. One client serves one operation; `close()` frees its sockets.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { authorizationHeader, type GitCredentials } from './credentials.js';
import { GitSourceError, redactUrl } from './git-error.js';
import { advertisesThinPack, declareHaves, requestThinPack } from './thin-pack.js';

export interface GitHttpClientOptions {
  /** The repository URL (without credentials); only its origin receives `credentials`. */
  repoUrl: URL;
  credentials?: GitCredentials | undefined;
  /** PEM certificates trusted in addition to the system roots. */
  caBundle?: string | Buffer | undefined;
  signal?: AbortSignal | undefined;
  /** Fail with TooLarge once the responses of this client exceed this many bytes. */
  maxResponseBytes?: number | undefined;
  /** How many redirects a GET may follow; default 5. */
  maxRedirects?: number | undefined;
  /**
   * Ask for thin packs in protocol v1 fetches when the server offers them (see thin-pack.ts).
   * Only for object caches that isomorphic-git alone reads.
   */
  thinPacks?: boolean | undefined;
}

export interface GitHttpClient extends HttpClient {
  /** Requests sent and response bytes received so far (for metrics and benchmarks). */
  readonly stats: { requests: number; bytesReceived: number };
  /**
   * The first error this transport raised itself (a size limit, a refused redirect).
   * isomorphic-git sometimes reads a broken response as "no refs" instead of passing the
   * error on, so callers prefer this error over whatever isomorphic-git reports.
   */
  readonly failure: GitSourceError | undefined;
  /** Commits the object cache holds, declared as `have`s in thin-pack fetches (see thin-pack.ts declareHaves). */
  declareHaves(haves: readonly string[]): void;
  close(): void;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export function createGitHttpClient(options: GitHttpClientOptions): GitHttpClient {
  const ca = options.caBundle ? [...rootCertificates, options.caBundle.toString()] : undefined;
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) }),
  };
  const stats = { requests: 0, bytesReceived: 0 };
  const context: RequestContext = { options, agents, stats, failure: undefined, serverThinPack: false, haves: [] };
  return {
    stats,
    get failure() {
      return context.failure;
    },
    request: (request) =>
      send(context, request).catch((error: unknown) => {
        if (error instanceof GitSourceError) context.failure ??= error;
        throw error;
      }),
    declareHaves: (haves) => {
      context.haves = [...haves];
    },
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

interface RequestContext {
  options: GitHttpClientOptions;
  agents: { 'http:': http.Agent; 'https:': https.Agent };
  stats: { requests: number; bytesReceived: number };
  failure: GitSourceError | undefined;
  /** Whether the last v1 upload-pack advertisement this client read offered `thin-pack`. */
  serverThinPack: boolean;
  haves: readonly string[];
}

/** At most this much of an advertisement is kept to find its capabilities (they come in the first ref line). */
const advertisementPrefixBytes = 64 * 1024;

async function send(context: RequestContext, request: GitHttpRequest): Promise<GitHttpResponse> {
  const { options } = context;
  options.signal?.throwIfAborted();
  const method = request.method ?? 'GET';
  let url = new URL(request.url);
  const body = uploadPackBody(context, url, await collect(request.body));
  for (let hop = 0; ; hop += 1) {
    const headers = headersFor(options, url, request.headers ?? {}, body);
    const response = await exchange(context, { url, method, headers, body });
    const location = response.headers.location;
    if (!redirectStatuses.has(response.statusCode ?? 0) || !location || method !== 'GET') {
      return toGitResponse(context, response, url, method);
    }
    response.resume();
    if (hop >= (options.maxRedirects ?? 5)) {
      throw new GitSourceError('NetworkError', `too many redirects fetching ${redactUrl(options.repoUrl.toString())}`);
    }
    const next = new URL(location, url);
    if (url.protocol === 'https:' && next.protocol !== 'https:') {
      throw new GitSourceError('UnsupportedUrl', `refusing a redirect from https to ${next.protocol} for ${redactUrl(options.repoUrl.toString())}`);
    }
    url = next;
  }
}

function uploadPackBody(context: RequestContext, url: URL, body: Buffer | undefined): Buffer | undefined {
  const wanted = context.options.thinPacks === true && context.serverThinPack;
  return body && wanted && url.pathname.endsWith('/git-upload-pack') ? declareHaves(requestThinPack(body), context.haves) : body;
}

/**
 * Headers for one hop. Credentials go only to the repository's own origin (scheme, host and
 * port), so a redirect to another host, or a second repository on a shared cache, never
 * sees them. Any Authorization header set by the caller is dropped for the same reason.
 */
function headersFor(options: GitHttpClientOptions, url: URL, given: Record<string, string>, body: Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (name.toLowerCase() !== 'authorization') headers[name] = value;
  }
  if (options.credentials && url.origin === options.repoUrl.origin) headers.authorization = authorizationHeader(options.credentials);
  if (body) headers['content-length'] = String(body.length);
  return headers;
}

interface Exchange {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function exchange(context: RequestContext, { url, method, headers, body }: Exchange): Promise<http.IncomingMessage> {
  const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : undefined;
  if (!protocol) throw new GitSourceError('UnsupportedUrl', `unsupported URL scheme ${url.protocol}`);
  const transport = protocol === 'https:' ? https : http;
  context.stats.requests += 1;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method, headers, agent: context.agents[protocol], signal: context.options.signal }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

function toGitResponse(context: RequestContext, response: http.IncomingMessage, url: URL, method: string): GitHttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    url: url.toString(),
    method,
    headers,
    statusCode: response.statusCode ?? 0,
    statusMessage: response.statusMessage ?? '',
    body: countedBody(context, response, isAdvertisement(url)),
  };
}

function isAdvertisement(url: URL): boolean {
  return url.pathname.endsWith('/info/refs') && url.searchParams.get('service') === 'git-upload-pack';
}

async function* countedBody(context: RequestContext, response: http.IncomingMessage, advertisement: boolean): AsyncIterableIterator<Uint8Array> {
  const limit = context.options.maxResponseBytes;
  let prefix: Buffer | undefined = advertisement && context.options.thinPacks ? Buffer.alloc(0) : undefined;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (prefix) prefix = observeAdvertisement(context, Buffer.concat([prefix, chunk]));
    context.stats.bytesReceived += chunk.length;
    if (limit !== undefined && context.stats.bytesReceived > limit) {
      response.destroy();
      const url = redactUrl(context.options.repoUrl.toString());
      context.failure ??= new GitSourceError('TooLarge', `downloading ${url} exceeded the limit of ${limit} bytes`);
      throw context.failure;
    }
    yield chunk;
  }
}

/** Record whether the advertisement offers thin packs; the prefix to keep reading, or undefined once known. */
function observeAdvertisement(context: RequestContext, prefix: Buffer): Buffer | undefined {
  const thin = advertisesThinPack(prefix);
  if (thin !== undefined || prefix.length > advertisementPrefixBytes) {
    context.serverThinPack = thin === true;
    return undefined;
  }
  return prefix;
}

/** isomorphic-git hands request bodies over as an array or an (async) iterator of chunks. */
async function collect(body: GitHttpRequest['body'] | Uint8Array[] | Uint8Array | undefined): Promise<Buffer | undefined> {
  if (body === undefined) return undefined;
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array> | Iterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
