/**
 * When a ClusterRegistrationToken expires, decided from its creation time and `ttl` alone, so
 * the controller, the CLI and tests agree on the instant and a token never outlives its ttl
 * because a reconcile ran late.
 */
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { Duration } from '../../kube/duration.js';

export type TokenExpiry =
  | { readonly kind: 'never' }
  | { readonly kind: 'valid'; readonly expires: string; readonly remaining: Duration }
  | { readonly kind: 'expired'; readonly expires: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** RFC 3339 without fractions, as Kubernetes writes timestamps. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function tokenExpiry(token: Pick<ClusterRegistrationToken, 'metadata' | 'spec'>, now: number): TokenExpiry {
  const ttl = token.spec.ttl?.trim();
  if (!ttl) return { kind: 'never' };
  let span: Duration;
  try {
    span = Duration.parse(ttl);
  } catch (err) {
    return { kind: 'invalid', message: err instanceof Error ? err.message : String(err) };
  }
  const created = Date.parse(token.metadata.creationTimestamp ?? '');
  if (Number.isNaN(created)) return { kind: 'invalid', message: 'the token has no creationTimestamp' };
  const at = created + span.toMilliseconds();
  const expires = rfc3339(at);
  if (at <= now) return { kind: 'expired', expires };
  return { kind: 'valid', expires, remaining: Duration.milliseconds(at - now) };
}
