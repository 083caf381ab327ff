/**
 * Whether a Cluster's agent is still reporting, judged from its last heartbeat
 * (`status.agent.lastSeen`) against a grace period. The silence counts from when the judge
 * heard that heartbeat (`heardAt`, its own clock) when it knows, else from lastSeen: an agent
 * stamps lastSeen before its request waits in its connection pool and the hub's backlog, so
 * under load a beat can arrive older than the grace period although the agent is alive. A Cluster whose agent never reported is
 * not judged here: the cluster status shows it waiting for check-in. The result is a
 * condition of its own type, so the status aggregation's Ready and this never write the
 * same list entry.
 */
import type { Cluster } from '../../api/cluster.js';
import type { Condition } from '../../api/meta.js';
import type { DurationLike } from '../../kube/duration.js';
import { rfc3339 } from './token-expiry.js';

/** Condition type on a Cluster: True while its agent reports within the grace period. */
export const AGENT_CONNECTED = 'AgentConnected';

export type AgentLiveness =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'alive'; readonly lastSeen: string; readonly staleAt: number }
  | { readonly kind: 'lost'; readonly lastSeen: string; readonly silentForMs: number };

export function agentLiveness(cluster: Pick<Cluster, 'status'>, now: number, grace: DurationLike, heardAt?: number): AgentLiveness {
  const lastSeen = cluster.status?.agent?.lastSeen;
  const stampedAt = Date.parse(lastSeen ?? '');
  if (!lastSeen || Number.isNaN(stampedAt)) return { kind: 'unknown' };
  const seenAt = heardAt ?? stampedAt;
  const staleAt = seenAt + grace.toMilliseconds();
  if (now < staleAt) return { kind: 'alive', lastSeen, staleAt };
  return { kind: 'lost', lastSeen, silentForMs: now - seenAt };
}

/** The condition for a judged liveness, keeping its transition time when the status did not change. */
export function agentConnectedCondition(liveness: Exclude<AgentLiveness, { kind: 'unknown' }>, previous: readonly Condition[] | undefined, now: number): Condition {
  const status = liveness.kind === 'alive' ? 'True' : 'False';
  const prior = previous?.find((c) => c.type === AGENT_CONNECTED);
  const lastTransitionTime = prior?.status === status && prior.lastTransitionTime ? prior.lastTransitionTime : rfc3339(now);
  // The message stays the same from one heartbeat to the next (the time is in status.agent.lastSeen):
  // a message naming it would rewrite the Cluster after every heartbeat, doubling its writes at rest.
  if (liveness.kind === 'alive') return { type: AGENT_CONNECTED, status, reason: 'Heartbeat', message: 'the agent reports within the grace period', lastTransitionTime };
  const seconds = Math.round(liveness.silentForMs / 1000);
  return { type: AGENT_CONNECTED, status, reason: 'AgentNotReporting', message: `no heartbeat from the agent for ${seconds}s (last seen ${liveness.lastSeen})`, lastTransitionTime };
}
