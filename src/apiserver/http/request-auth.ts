/**
 * Who a request acts as, and whether it may: every request is authenticated (admin token,
 * token file, ServiceAccount JWT; unknown, forged, expired or revoked tokens are 401), may
 * switch identity through impersonation headers, and is then authorized by RBAC against the
 * RBAC objects of its logical cluster (403 Status worded as Kubernetes words it). Requests
 * without a token are served only on the public health and version paths, and only as far
 * as RBAC lets `system:unauthenticated` read them; everywhere else they are 401.
 * Nothing here logs or returns a token.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { authorize, forbiddenError } from '../auth/rbac.js';
import type { RbacPolicy } from '../auth/rbac-objects.js';
import { parseRequestInfo, type RequestAttributes } from '../auth/request-info.js';
import { bearerToken, type Authenticator } from '../auth/tokens.js';
import type { UserInfo } from '../auth/user-info.js';
import { errors } from '../status.js';
import type { ObjectStore } from '../storage/object-store.js';
import { impersonatedUser } from './impersonate-request.js';
import { storeCredentials } from './store-credentials.js';

export interface RequestAuthDeps {
  authenticator: Authenticator;
  /** Where ServiceAccount tokens are checked against their ServiceAccount and Secret. */
  store: ObjectStore;
  /** The RBAC objects of a logical cluster as they are now. */
  policy(cluster: string): RbacPolicy;
  logger?: Logger;
}

export interface Admission {
  /** The identity the request acts as (the impersonated one, if any). */
  user: UserInfo;
  attributes: RequestAttributes;
}

const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);
const PUBLIC_PREFIXES = ['/healthz/', '/livez/', '/readyz/'];

/** Paths a request without credentials may reach at all; RBAC still decides on them. */
export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));
}

export class RequestAuth {
  constructor(private readonly deps: RequestAuthDeps) {}

  /** Throws the 401 or 403 Status the request must be answered with, else says who it acts as. */
  async admit(req: IncomingMessage, cluster: string, url: URL): Promise<Admission> {
    const parsed = parseRequestInfo({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    if (!parsed.ok) throw errors.badRequest(parsed.message);
    const attributes = parsed.info;
    const authenticated = await this.authenticate(req, cluster, attributes.path);
    const policy = this.deps.policy(cluster);
    const user = impersonatedUser(req, policy, authenticated);
    const decision = authorize(policy, user, attributes);
    if (!decision.allowed) {
      this.deps.logger?.debug({ user: user.username, verb: attributes.verb, resource: attributes.resource, path: attributes.path }, 'request forbidden');
      throw forbiddenError(user, attributes, decision.reason);
    }
    return { user, attributes };
  }

  private async authenticate(req: IncomingMessage, cluster: string, path: string): Promise<UserInfo> {
    const token = bearerToken(req.headers.authorization);
    const result = await this.deps.authenticator.authenticate(token, storeCredentials(this.deps.store, cluster));
    switch (result.outcome) {
      case 'authenticated':
        return result.user;
      case 'anonymous':
        if (isPublicPath(path)) return result.user;
        this.deps.logger?.debug({ path }, 'request without credentials refused');
        throw errors.unauthorized();
      case 'rejected':
        this.deps.logger?.debug({ reason: result.reason }, 'bearer token rejected');
        throw errors.unauthorized();
    }
  }
}
