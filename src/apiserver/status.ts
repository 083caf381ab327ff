/**
 * Errors the API server answers with: every failure is a meta/v1 Status object with the
 * HTTP code, reason and details Kubernetes uses, so kubectl and client libraries read them
 * as they read a real cluster's.
 */

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError'
  | 'Timeout';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason | '';
  details?: StatusDetails;
  code: number;
}

/** A failure to report to the client as a Status. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** Group and resource as Kubernetes prints them in messages: `configmaps` or `bundles.flotilla.io`. */
export function qualifiedResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

interface Target {
  group: string;
  resource: string;
  kind?: string;
  name?: string;
}

export const errors = {
  badRequest: (message: string) => new StatusError(400, 'BadRequest', message),
  unauthorized: () => new StatusError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, t: Target) =>
    new StatusError(403, 'Forbidden', message, { name: t.name, group: t.group, kind: t.resource }),
  notFound: (t: Target) =>
    new StatusError(404, 'NotFound', `${qualifiedResource(t.group, t.resource)} "${t.name ?? ''}" not found`, {
      name: t.name,
      group: t.group,
      kind: t.resource,
    }),
  pathNotFound: () => new StatusError(404, 'NotFound', 'the server could not find the requested resource'),
  alreadyExists: (t: Target) =>
    new StatusError(409, 'AlreadyExists', `${qualifiedResource(t.group, t.resource)} "${t.name ?? ''}" already exists`, {
      name: t.name,
      group: t.group,
      kind: t.resource,
    }),
  conflict: (t: Target, why: string) =>
    new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(t.group, t.resource)} "${t.name ?? ''}": ${why}`,
      { name: t.name, group: t.group, kind: t.resource },
    ),
  gone: (message: string) => new StatusError(410, 'Expired', message),
  invalid: (t: Target & { kind: string }, causes: StatusCause[]) => {
    const list = causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? ''))).join(', ');
    const what = t.group ? `${t.kind}.${t.group}` : t.kind;
    const message = `${what} "${t.name ?? ''}" is invalid: ${causes.length > 1 ? `[${list}]` : list}`;
    return new StatusError(422, 'Invalid', message, { name: t.name, group: t.group, kind: t.kind, causes });
  },
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    new StatusError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`),
  tooLarge: (message = 'the request is too large') => new StatusError(413, 'RequestEntityTooLarge', message),
  internal: (message: string) => new StatusError(500, 'InternalError', `Internal error occurred: ${message}`),
};
