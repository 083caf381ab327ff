import { describe, expect, it } from 'vitest';
import type { ClusterRegistration } from '../../api/cluster-registration.js';
import type { GrantDecision } from './grant-decision.js';
import { GrantMemory } from './grant-memory.js';

const registration = (status?: ClusterRegistration['status'], uid = 'u1'): ClusterRegistration => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'ClusterRegistration',
  metadata: { name: 'reg', namespace: 'fleet-default', uid },
  spec: { clientID: 'c1' },
  ...(status ? { status } : {}),
});
const existing = (clusterName: string): GrantDecision => ({ kind: 'grant', clusterName, how: 'existing' });
const granted = { granted: true, clusterName: 'east', secretName: 's' };

describe('GrantMemory.completed', () => {
  const cases: Array<{ name: string; remembered?: string; registration: ClusterRegistration; decision: GrantDecision; completed: boolean }> = [
    { name: 'the echo of this process’s own status write is recognised as done', remembered: 'east', registration: registration(granted), decision: existing('east'), completed: true },
    { name: 'a grant made before this process started is applied again (repairs what changed meanwhile)', registration: registration(granted), decision: existing('east'), completed: false },
    { name: 'a registration whose status is not yet written is not done', remembered: 'east', registration: registration(), decision: existing('east'), completed: false },
    { name: 'a registration that would now get another Cluster is not done', remembered: 'east', registration: registration(granted), decision: existing('west'), completed: false },
    { name: 'a new Cluster to create is never done', remembered: 'east', registration: registration(granted), decision: { kind: 'grant', clusterName: 'east', how: 'new' }, completed: false },
    { name: 'a namesake with the same uid-less registration is not trusted', remembered: 'east', registration: registration(granted, ''), decision: existing('east'), completed: false },
  ];
  it.each(cases)('$name', ({ remembered, registration: r, decision, completed }) => {
    const memory = new GrantMemory();
    if (remembered) memory.remember(r, remembered);
    expect(memory.completed(r, decision)).toBe(completed);
  });

  it('forgets a deleted registration, so a later one with its uid would be granted in full', () => {
    const memory = new GrantMemory();
    const r = registration(granted);
    memory.remember(r, 'east');
    memory.forget('u1');
    expect(memory.completed(r, existing('east'))).toBe(false);
  });
});
