/**
 * Fetching one URL over http(s) with Node's own client, for chart repositories: a deadline,
 * a size limit (a repository is someone else's server), at most a few redirects, and basic
 * auth credentials that are sent only to the origin they were given for — a redirect to
 * another host goes there without them. Credentials never appear in errors.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface BasicAuth {
  username: string;
  password: string;
}

export interface FetchRequest {
  url: string;
  /** Sent only while the request stays on the URL's origin. */
  auth?: BasicAuth;
  /** Largest body accepted. */
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** GETs a URL and returns its body; throws HttpFetchError. Injectable so tests may count requests; the default is real HTTP. */
export type HttpFetcher = (request: FetchRequest) => Promise<Buffer>;

export class HttpFetchError extends Error {
  override readonly name = 'HttpFetchError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MAX_REDIRECTS = 5;

/** The URL without user info, query or fragment: what errors may show. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function authHeader(auth: BasicAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

function readBody(res: IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new HttpFetchError(`${displayUrl(url)} is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', (err) => reject(new HttpFetchError(`${displayUrl(url)}: ${err.message}`, undefined, { cause: err })));
  });
}

type Hop = { kind: 'body'; body: Buffer } | { kind: 'redirect'; location: string };

function getOnce(url: URL, request: FetchRequest, auth: BasicAuth | undefined): Promise<Hop> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', timeout: request.timeoutMs, signal: request.signal, headers: { accept: '*/*', ...(auth ? { authorization: authHeader(auth) } : {}) } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ kind: 'redirect', location: new URL(res.headers.location, url).toString() });
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new HttpFetchError(`GET ${displayUrl(url.toString())}: HTTP ${status}${status === 401 || status === 403 ? ' (check helmSecretName)' : ''}`, status));
        return;
      }
      readBody(res, url.toString(), request.maxBytes).then((body) => resolve({ kind: 'body', body }), reject);
    });
    req.on('timeout', () => req.destroy(new HttpFetchError(`GET ${displayUrl(url.toString())}: no answer within ${request.timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof HttpFetchError ? err : new HttpFetchError(`GET ${displayUrl(url.toString())}: ${err.message}`, undefined, { cause: err })));
    req.end();
  });
}

/** The default HttpFetcher: Node's http and https clients. */
export const nodeHttpFetcher: HttpFetcher = async (request) => {
  const origin = new URL(request.url).origin;
  let url = new URL(request.url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpFetchError(`${displayUrl(url.toString())}: only http and https are fetched`);
    const auth = url.origin === origin ? request.auth : undefined;
    const result = await getOnce(url, request, auth);
    if (result.kind === 'body') return result.body;
    url = new URL(result.location);
  }
  throw new HttpFetchError(`GET ${displayUrl(request.url)}: more than ${MAX_REDIRECTS} redirects`);
};
