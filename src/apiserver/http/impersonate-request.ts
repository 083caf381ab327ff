/**
 * Impersonation (`kubectl --as`, `--as-group`, `--as-uid`): when a request carries
 * Impersonate-* headers, the authenticated user must be allowed the `impersonate` verb on
 * each requested user, group, uid and extra value; the request then acts as that identity.
 */
import type { IncomingMessage } from 'node:http';
import { isImpersonationHeader, parseImpersonation } from '../auth/impersonation.js';
import { authorize, forbiddenError } from '../auth/rbac.js';
import type { RbacPolicy } from '../auth/rbac-objects.js';
import type { UserInfo } from '../auth/user-info.js';
import { errors } from '../status.js';

/** The identity the request acts as: `user` itself without impersonation headers. */
export function impersonatedUser(req: IncomingMessage, policy: RbacPolicy, user: UserInfo): UserInfo {
  // Node builds req.headersDistinct anew on every read; almost no request impersonates, and
  // req.headers (names already lower-case) says so without that copy.
  if (!Object.keys(req.headers).some(isImpersonationHeader)) return user;
  const request = parseImpersonation(req.headersDistinct);
  if (!request.requested) return user;
  // Kubernetes answers malformed impersonation with an internal error naming what was asked.
  if ('error' in request) throw errors.internal(request.error);
  for (const check of request.checks) {
    const decision = authorize(policy, user, check);
    if (!decision.allowed) throw forbiddenError(user, check, decision.reason);
  }
  return request.user;
}
