import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { Duration } from '../../kube/duration.js';
import { AGENT_CONNECTED, agentConnectedCondition, agentLiveness } from './agent-liveness.js';

const grace = Duration.minutes(1);
const seen = (lastSeen?: string): Pick<Cluster, 'status'> => ({ status: lastSeen ? { agent: { lastSeen } } : {} });
const t = (iso: string) => Date.parse(iso);

const cases = [
  { name: 'a cluster whose agent never reported is not judged', cluster: seen(), now: '2025-01-01T10:00:00Z', kind: 'unknown' },
  { name: 'an agent seen within the grace period is alive', cluster: seen('2025-01-01T10:00:00Z'), now: '2025-01-01T10:00:59Z', kind: 'alive' },
  { name: 'an agent silent for exactly the grace period is lost', cluster: seen('2025-01-01T10:00:00Z'), now: '2025-01-01T10:01:00Z', kind: 'lost' },
  { name: 'an agent silent for long is lost', cluster: seen('2025-01-01T10:00:00Z'), now: '2025-01-01T12:00:00Z', kind: 'lost' },
  { name: 'an unreadable lastSeen is not judged', cluster: seen('yesterday'), now: '2025-01-01T10:00:00Z', kind: 'unknown' },
] as const;

describe('agentLiveness', () => {
  it.each(cases)('$name', ({ cluster, now, kind }) => {
    expect(agentLiveness(cluster, t(now), grace).kind).toBe(kind);
  });
});

describe('agentConnectedCondition', () => {
  it('a lost agent gives AgentConnected False with the silence in the message', () => {
    const liveness = agentLiveness(seen('2025-01-01T10:00:00Z'), t('2025-01-01T10:02:00Z'), grace);
    if (liveness.kind === 'unknown') throw new Error('judged');
    expect(agentConnectedCondition(liveness, [], t('2025-01-01T10:02:00Z'))).toMatchObject({ type: AGENT_CONNECTED, status: 'False', reason: 'AgentNotReporting', message: 'no heartbeat from the agent for 120s (last seen 2025-01-01T10:00:00Z)', lastTransitionTime: '2025-01-01T10:02:00Z' });
  });

  it('an unchanged status keeps its transition time', () => {
    const liveness = agentLiveness(seen('2025-01-01T10:00:00Z'), t('2025-01-01T10:00:10Z'), grace);
    if (liveness.kind === 'unknown') throw new Error('judged');
    const previous = [{ type: AGENT_CONNECTED, status: 'True' as const, lastTransitionTime: '2025-01-01T09:00:00Z' }];
    expect(agentConnectedCondition(liveness, previous, t('2025-01-01T10:00:10Z')).lastTransitionTime).toBe('2025-01-01T09:00:00Z');
  });

  it('gives the same condition for every heartbeat while the agent reports, so a heartbeat alone writes nothing more', () => {
    const judged = (lastSeen: string, now: string) => {
      const liveness = agentLiveness(seen(lastSeen), t(now), grace);
      if (liveness.kind === 'unknown') throw new Error('not judged');
      return liveness;
    };
    const first = agentConnectedCondition(judged('2025-01-01T10:00:00Z', '2025-01-01T10:00:05Z'), [], t('2025-01-01T10:00:05Z'));
    const next = agentConnectedCondition(judged('2025-01-01T10:00:15Z', '2025-01-01T10:00:20Z'), [first], t('2025-01-01T10:00:20Z'));
    expect(next).toEqual(first);
  });
});

describe('agentLiveness when the judge knows when it heard the beat', () => {
  it('a beat stamped longer ago than the grace period but heard within it is alive (it waited in a busy hub)', () => {
    expect(agentLiveness(seen('2025-01-01T10:00:00Z'), t('2025-01-01T10:03:00Z'), grace, t('2025-01-01T10:02:30Z')).kind).toBe('alive');
  });
  it('a beat heard longer ago than the grace period is lost, whatever its stamp says', () => {
    expect(agentLiveness(seen('2025-01-01T10:05:00Z'), t('2025-01-01T10:03:00Z'), grace, t('2025-01-01T10:01:30Z'))).toMatchObject({ kind: 'lost', silentForMs: 90_000 });
  });
});
