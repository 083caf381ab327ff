import { describe, expect, it } from 'vitest';
import type { ManagedNamespaceSpec } from '../../api/managed-namespace.js';
import { acceptDefinition } from './accept-definition.js';

interface Case {
  name: string;
  nsName?: string;
  spec: ManagedNamespaceSpec;
  restrictions?: Array<{ allowClusterAdminRoleAssignments?: boolean }>;
  reason?: string;
  message?: RegExp;
}

const admin = { roleAssignments: [{ role: 'ClusterAdmin' as const, kind: 'User' as const, name: 'alice' }] };

const cases: Case[] = [
  { name: 'a plain definition is accepted', spec: { labels: { team: 'a' } } },
  { name: 'a reserved name is refused', nsName: 'kube-system', spec: {}, reason: 'InvalidDefinition', message: /reserved/ },
  { name: "Flotilla's own workspace name is refused", nsName: 'fleet-default', spec: {}, reason: 'InvalidDefinition', message: /reserved/ },
  { name: 'an upper-case name is refused', nsName: 'Team-A', spec: {}, reason: 'InvalidDefinition', message: /not a valid namespace name/ },
  {
    name: 'cpu requests above cpu limits are refused',
    spec: { resourceQuota: { cpuRequests: '2', cpuLimits: '500m' } },
    reason: 'InvalidDefinition',
    message: /resourceQuota\.cpuRequests: cpu requests \(2\) must not be above cpu limits \(500m\)/,
  },
  { name: 'a memory quantity that is not a quantity is refused', spec: { resourceQuota: { memoryLimits: 'lots' } }, reason: 'InvalidDefinition', message: /resourceQuota\.memoryLimits/ },
  { name: 'a ClusterAdmin assignment without a restriction is refused', spec: admin, reason: 'ClusterAdminNotAllowed', message: /allowClusterAdminRoleAssignments: true/ },
  {
    name: 'a ClusterAdmin assignment with a restriction that does not allow it is refused',
    spec: admin,
    restrictions: [{ allowClusterAdminRoleAssignments: false }],
    reason: 'ClusterAdminNotAllowed',
  },
  { name: 'a ClusterAdmin assignment is accepted when a restriction allows it', spec: admin, restrictions: [{}, { allowClusterAdminRoleAssignments: true }] },
  { name: 'a reserved label key is refused', spec: { labels: { 'flotilla.io/x': 'y' } }, reason: 'InvalidDefinition', message: /labels\.flotilla\.io\/x/ },
];

describe('acceptDefinition', () => {
  it.each(cases)('$name', (c) => {
    const result = acceptDefinition({ name: c.nsName ?? 'team-a', spec: c.spec, restrictions: c.restrictions ?? [] });
    if (c.reason === undefined) {
      expect(result.accepted).toBe(true);
      return;
    }
    expect(result).toMatchObject({ accepted: false, reason: c.reason });
    if (c.message && !result.accepted) expect(result.message).toMatch(c.message);
  });

  it('an accepted definition is in the renderer shape, with role subjects grouped by role', () => {
    const result = acceptDefinition({
      name: 'team-a',
      spec: {
        memberClusterNames: ['a'],
        resourceQuota: { cpuLimits: 2 },
        roleAssignments: [
          { role: 'Reader', kind: 'User', name: 'u1' },
          { role: 'Reader', kind: 'Group', name: 'g1' },
        ],
      },
      restrictions: [],
    });
    expect(result).toEqual({
      accepted: true,
      definition: { name: 'team-a', resourceQuota: { cpuLimits: '2' }, roleAssignments: [{ role: 'Reader', users: ['u1'], groups: ['g1'] }] },
    });
  });
});
