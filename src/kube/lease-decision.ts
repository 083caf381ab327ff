/**
 * The pure half of leader election: given the Lease as last read, who we are, and when we
 * first saw its current holder and renewTime, decide whether to create it, renew it, take it
 * over, or wait. Expiry is judged by our own clock from when we observed the record change
 * (as client-go does), never by comparing the holder's timestamps to our clock, so clock
 * skew between machines cannot hand the lease to two holders.
 */

/** The fields of a coordination.k8s.io/v1 Lease spec used for leader election. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export type LeaseDecision =
  | { kind: 'create' }
  | { kind: 'renew' }
  /** The holder released it or let it expire. */
  | { kind: 'takeOver' }
  | { kind: 'wait'; holder: string; expiresAt: number };

export interface LeaseSituation {
  /** undefined when no Lease exists. */
  spec: LeaseSpec | undefined;
  identity: string;
  now: number;
  /** When we first saw the spec's current holder and renewTime (ms on our clock). */
  observedAt: number;
}

export function decideLease(s: LeaseSituation): LeaseDecision {
  if (!s.spec) return { kind: 'create' };
  const holder = s.spec.holderIdentity ?? '';
  if (holder === s.identity) return { kind: 'renew' };
  if (!holder) return { kind: 'takeOver' };
  const expiresAt = s.observedAt + (s.spec.leaseDurationSeconds ?? 0) * 1000;
  return s.now >= expiresAt ? { kind: 'takeOver' } : { kind: 'wait', holder, expiresAt };
}

/** Kubernetes MicroTime: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The spec to write for a decision to hold the lease (create, renew or take over). */
export function heldLeaseSpec(previous: LeaseSpec | undefined, decision: LeaseDecision, options: { identity: string; now: number; leaseDurationSeconds: number }): LeaseSpec {
  const now = microTime(options.now);
  const base = { holderIdentity: options.identity, leaseDurationSeconds: options.leaseDurationSeconds, renewTime: now };
  if (decision.kind === 'renew') return { ...previous, ...base, acquireTime: previous?.acquireTime ?? now };
  // A new holder: count the transition only when someone held it before (a released lease counts too).
  const transitions = (previous?.leaseTransitions ?? 0) + (previous ? 1 : 0);
  return { ...base, acquireTime: now, leaseTransitions: transitions };
}

/** The spec that gives the lease up at once: no holder, so the next candidate takes over. */
export function releasedLeaseSpec(previous: LeaseSpec, now: number): LeaseSpec {
  return { leaseTransitions: previous.leaseTransitions ?? 0, leaseDurationSeconds: 1, acquireTime: previous.acquireTime, renewTime: microTime(now) };
}

/** A stable string for "the record changed", which restarts the expiry clock. */
export function observationKey(spec: LeaseSpec | undefined): string {
  return spec ? `${spec.holderIdentity ?? ''}\n${spec.renewTime ?? ''}\n${spec.leaseTransitions ?? 0}` : '';
}
