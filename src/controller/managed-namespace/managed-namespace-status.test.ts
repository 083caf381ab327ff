import { describe, expect, it } from 'vitest';
import type { ManagedNamespaceMemberStatus, ManagedNamespaceStatus } from '../../api/managed-namespace.js';
import type { Acceptance } from './accept-definition.js';
import { managedNamespaceStatus } from './managed-namespace-status.js';

const NOW = '2026-01-02T00:00:00Z';
const ok: Acceptance = { accepted: true, definition: { name: 'team-a' } };
const refused: Acceptance = { accepted: false, reason: 'ClusterAdminNotAllowed', message: 'no ClusterAdmin here' };

interface Case {
  name: string;
  acceptance: Acceptance;
  members: Array<Pick<ManagedNamespaceMemberStatus, 'clusterName' | 'state'>>;
  hubProblem?: { reason: string; message: string };
  expected: Record<string, { status: string; reason: string }>;
  display?: { readyMembers: string; state: string };
}

const cases: Case[] = [
  {
    name: 'with no member the namespace is on the hub only, placed and ready',
    acceptance: ok,
    members: [],
    expected: { Accepted: { status: 'True', reason: 'Accepted' }, Placed: { status: 'True', reason: 'HubOnly' }, Ready: { status: 'True', reason: 'Ready' }, Stalled: { status: 'False', reason: 'Accepted' } },
    display: { readyMembers: '0/0', state: '' },
  },
  {
    name: 'a refused definition is not accepted, stalled and not placed',
    acceptance: refused,
    members: [],
    expected: { Accepted: { status: 'False', reason: 'ClusterAdminNotAllowed' }, Placed: { status: 'False', reason: 'NotAccepted' }, Ready: { status: 'False', reason: 'ClusterAdminNotAllowed' }, Stalled: { status: 'True', reason: 'ClusterAdminNotAllowed' } },
    display: { readyMembers: '0/0', state: 'NotAccepted' },
  },
  {
    name: 'a pending member leaves the namespace not placed',
    acceptance: ok,
    members: [{ clusterName: 'a', state: 'Placed' }, { clusterName: 'b', state: 'Pending' }],
    expected: { Placed: { status: 'False', reason: 'Pending' }, Ready: { status: 'False', reason: 'Pending' } },
    display: { readyMembers: '1/2', state: 'Pending' },
  },
  {
    name: 'a failed member makes the Placed reason Failed',
    acceptance: ok,
    members: [{ clusterName: 'a', state: 'Failed' }, { clusterName: 'b', state: 'Pending' }],
    expected: { Placed: { status: 'False', reason: 'Failed' } },
  },
  {
    name: 'every member placed or adopted is placed and ready',
    acceptance: ok,
    members: [{ clusterName: 'a', state: 'Placed' }, { clusterName: 'b', state: 'Adopted' }],
    expected: { Placed: { status: 'True', reason: 'Placed' }, Ready: { status: 'True', reason: 'Ready' } },
  },
  {
    name: 'a hub namespace problem leaves it placed but not ready',
    acceptance: ok,
    members: [{ clusterName: 'a', state: 'Placed' }],
    hubProblem: { reason: 'AdoptionNever', message: 'the hub already has it' },
    expected: { Placed: { status: 'True', reason: 'Placed' }, Ready: { status: 'False', reason: 'AdoptionNever' } },
  },
];

describe('managedNamespaceStatus', () => {
  it.each(cases)('$name', (c) => {
    const status = managedNamespaceStatus({ generation: 3, acceptance: c.acceptance, bundleName: 'mns-team-a', members: c.members as ManagedNamespaceMemberStatus[], ...(c.hubProblem ? { hubProblem: c.hubProblem } : {}), now: NOW });
    for (const [type, want] of Object.entries(c.expected)) {
      expect(status.conditions?.find((x) => x.type === type)).toMatchObject({ ...want, observedGeneration: 3 });
    }
    if (c.display) expect(status.display).toEqual(c.display);
    expect(status).toMatchObject({ observedGeneration: 3, bundleName: 'mns-team-a' });
  });

  it('a condition keeps its transition time while its status does not change', () => {
    const previous: ManagedNamespaceStatus = { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', lastTransitionTime: '2020-01-01T00:00:00Z' }] };
    const status = managedNamespaceStatus({ acceptance: ok, members: [], previous, now: NOW });
    expect(status.conditions?.find((c) => c.type === 'Accepted')?.lastTransitionTime).toBe('2020-01-01T00:00:00Z');
    expect(status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(NOW);
  });
});
