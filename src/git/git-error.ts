/**
 * The one typed error of git sources. Every failure of fetching, resolving or reading a
 * repository becomes a `GitSourceError` whose `reason` comes from the catalog below, so the
 * controller can decide without parsing messages whether the user must act (Stalled, no
 * hot retry), or whether to retry with backoff. Messages never contain credentials: URLs in
 * them pass through `redactUrl`, and causes from HTTP libraries are kept only as `cause`.
 */

/** What the caller should do about a failure. */
export type GitErrorAction =
  /** The user must change something (credentials, URL, branch); retrying unchanged will fail again. */
  | 'user'
  /** A transient failure: retry with backoff. */
  | 'retry'
  /** The caller cancelled; nothing to report. */
  | 'none';

/** Every reason a git source can fail, with what to do about it. */
export const gitErrorCatalog = {
  AuthenticationFailed: { action: 'user', summary: 'the server refused the credentials (HTTP 401/403), or none were given' },
  RepositoryNotFound: { action: 'user', summary: 'no repository at this URL (HTTP 404, or a local path without a git repository)' },
  RevisionNotFound: { action: 'user', summary: 'the branch, tag or commit does not exist in the repository' },
  UnsupportedUrl: { action: 'user', summary: 'the URL scheme is not supported (use https://, http://, file:// or an absolute path)' },
  TlsError: { action: 'user', summary: 'the server certificate is not trusted; set caBundle' },
  TooLarge: { action: 'user', summary: 'the repository exceeds a configured size limit' },
  InvalidRepository: { action: 'user', summary: 'the repository holds data Flotilla refuses (unsafe file names, corrupt objects)' },
  NetworkError: { action: 'retry', summary: 'the server could not be reached or the connection broke' },
  UnexpectedResponse: { action: 'user', summary: 'the server answered with an HTTP status a git server should not send here (a redirect for a POST, 400, 405, …)' },
  ServerError: { action: 'retry', summary: 'the server answered with an error status (HTTP 5xx or 429)' },
  Timeout: { action: 'retry', summary: 'the operation took longer than its timeout' },
  Cancelled: { action: 'none', summary: "the caller's AbortSignal cancelled the operation" },
} as const satisfies Record<string, { action: GitErrorAction; summary: string }>;

export type GitErrorReason = keyof typeof gitErrorCatalog;

export class GitSourceError extends Error {
  override readonly name = 'GitSourceError';
  readonly reason: GitErrorReason;
  readonly action: GitErrorAction;

  constructor(reason: GitErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.action = gitErrorCatalog[reason].action;
  }

  /** Whether the user must act before a retry can succeed (the GitRepo is Stalled). */
  get userMustAct(): boolean {
    return this.action === 'user';
  }
}

/** A URL safe to show: user and password removed, query dropped (tokens hide there too). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return url;
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    // Not a URL (a local path or scp-like ssh address): drop anything before an '@'.
    return url.replace(/^[^@/]*@/, '');
  }
}

const tlsCodes = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_|HOSTNAME_MISMATCH)/;
const networkCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE',
]);

/** isomorphic-git's codes for data it refuses to read. */
const invalidRepositoryCodes = new Set(['ObjectTypeError', 'InternalError', 'ParseError', 'SmartHttpError', 'InvalidOidError', 'UnsafeFilepathError']);

interface ErrorShape {
  code?: unknown;
  name?: unknown;
  data?: { statusCode?: unknown };
}

/**
 * Turn whatever isomorphic-git, node:http or the file system threw into a GitSourceError.
 * `what` names the operation and the (redacted) URL for the message.
 */
export function toGitSourceError(error: unknown, what: string): GitSourceError {
  if (error instanceof GitSourceError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const code = typeof shape.code === 'string' ? shape.code : '';
  const status = typeof shape.data?.statusCode === 'number' ? shape.data.statusCode : undefined;
  const reason = reasonFor(code, status);
  const detail = status === undefined ? (code || (error instanceof Error ? error.name : 'unknown error')) : `HTTP ${status}`;
  return new GitSourceError(reason, `${what}: ${gitErrorCatalog[reason].summary} (${detail})`, { cause: error });
}

function reasonFor(code: string, status: number | undefined): GitErrorReason {
  if (status !== undefined) return reasonForStatus(status);
  if (tlsCodes.test(code)) return 'TlsError';
  if (networkCodes.has(code)) return 'NetworkError';
  if (code === 'NotFoundError') return 'RevisionNotFound';
  if (code === 'UnknownTransportError' || code === 'UrlParseError') return 'UnsupportedUrl';
  if (code === 'ENOENT') return 'RepositoryNotFound';
  if (invalidRepositoryCodes.has(code)) return 'InvalidRepository';
  return 'NetworkError';
}

function reasonForStatus(status: number): GitErrorReason {
  if (status === 401 || status === 403) return 'AuthenticationFailed';
  if (status === 404) return 'RepositoryNotFound';
  if (status === 429 || status >= 500) return 'ServerError';
  return 'UnexpectedResponse';
}
