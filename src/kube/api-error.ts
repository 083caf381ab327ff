/**
 * Failures the API server reports, as one typed error: `ApiError` carries the Kubernetes
 * Status (code, reason, message, causes), so callers decide with `isNotFound(err)` and
 * friends instead of parsing messages. Network failures are not ApiErrors; they keep the
 * error Node raised.
 */

/** A meta/v1 Status as the server sends it. Reasons are open: servers add their own. */
export interface KubeStatus {
  kind?: 'Status';
  apiVersion?: string;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

export interface ApiErrorRequest {
  method: string;
  path: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: number;
  readonly reason: string;
  readonly status: KubeStatus;
  readonly request: ApiErrorRequest | undefined;

  constructor(status: KubeStatus, request?: ApiErrorRequest) {
    super(status.message || `${request ? `${request.method} ${request.path}: ` : ''}HTTP ${status.code ?? 0}${status.reason ? ` ${status.reason}` : ''}`);
    this.status = status;
    this.code = status.code ?? 0;
    this.reason = status.reason ?? '';
    this.request = request;
  }

  get causes(): NonNullable<NonNullable<KubeStatus['details']>['causes']> {
    return this.status.details?.causes ?? [];
  }

  /** Builds the error from an HTTP answer whose body may or may not be a Status. */
  static fromResponse(code: number, body: string, request?: ApiErrorRequest): ApiError {
    let status: KubeStatus | undefined;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && (parsed as KubeStatus).kind === 'Status') status = parsed as KubeStatus;
    } catch {
      // Not JSON (a proxy's HTML page, an empty body): fall back to the HTTP code below.
    }
    status ??= { kind: 'Status', status: 'Failure', code, reason: reasonForCode(code), message: body.trim().slice(0, 500) || undefined };
    if (status.code === undefined) status = { ...status, code };
    return new ApiError(status, request);
  }
}

/** The reason Kubernetes would give for a bare HTTP code, used when the body is not a Status. */
function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    406: 'NotAcceptable',
    409: 'Conflict',
    410: 'Expired',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}

const hasReason = (err: unknown, reason: string, code?: number): boolean =>
  err instanceof ApiError && (err.reason === reason || (err.reason === '' && err.code === code));

export const isNotFound = (err: unknown): boolean => hasReason(err, 'NotFound', 404);
export const isAlreadyExists = (err: unknown): boolean => hasReason(err, 'AlreadyExists');
/** An optimistic-concurrency failure (stale resourceVersion) or a server-side apply conflict. */
export const isConflict = (err: unknown): boolean => hasReason(err, 'Conflict');
export const isInvalid = (err: unknown): boolean => hasReason(err, 'Invalid', 422);
export const isForbidden = (err: unknown): boolean => hasReason(err, 'Forbidden', 403);
export const isUnauthorized = (err: unknown): boolean => hasReason(err, 'Unauthorized', 401);
export const isBadRequest = (err: unknown): boolean => hasReason(err, 'BadRequest', 400);
export const isMethodNotAllowed = (err: unknown): boolean => hasReason(err, 'MethodNotAllowed', 405);
/** The resourceVersion asked for is no longer in the server's history (HTTP 410): relist. */
export const isGone = (err: unknown): boolean => err instanceof ApiError && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone');
export const isTooManyRequests = (err: unknown): boolean => hasReason(err, 'TooManyRequests', 429);
export const isServerTimeout = (err: unknown): boolean => hasReason(err, 'ServerTimeout') || hasReason(err, 'Timeout', 504);

/** Whether trying again unchanged may succeed: throttling, timeouts, 5xx and network failures. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ApiError) return err.code === 429 || err.code >= 500 || isConflict(err) || isServerTimeout(err);
  return isNetworkError(err);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** A failure to reach the server or a connection that broke, as Node reports it. */
export function isNetworkError(err: unknown): boolean {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}
