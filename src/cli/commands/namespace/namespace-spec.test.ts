import { describe, expect, it } from 'vitest';
import type { ManagedNamespaceSpec } from '../../../api/managed-namespace.js';
import { addRoleAssignment, checkDefinition, createSpec, removeRoleAssignment, roleSubject, updateSpec } from './namespace-spec.js';

const stored: ManagedNamespaceSpec = {
  labels: { team: 'a' },
  resourceQuota: { cpuRequests: '1', cpuLimits: '2' },
  networkPolicy: { ingress: 'DenyAll' },
  adoptionPolicy: 'Always',
  deletePolicy: 'Delete',
  memberClusterNames: ['a', 'b'],
  roleAssignments: [{ role: 'Reader', kind: 'User', name: 'alice' }],
};

describe('createSpec', () => {
  it.each([
    { name: 'a new definition gets the default policies', changes: {}, previous: undefined, expected: { adoptionPolicy: 'Never', deletePolicy: 'Keep' } },
    {
      name: 'over an existing one, flags left out go back to defaults but role assignments stay',
      changes: { labels: { team: 'b' } },
      previous: stored,
      expected: { labels: { team: 'b' }, adoptionPolicy: 'Never', deletePolicy: 'Keep', roleAssignments: [{ role: 'Reader', kind: 'User', name: 'alice' }] },
    },
  ])('$name', ({ changes, previous, expected }) => {
    expect(createSpec(changes, previous)).toEqual(expected);
  });
});

describe('updateSpec', () => {
  it.each([
    { name: 'no flag changes nothing', changes: {}, expected: stored },
    { name: 'labels given replace the old labels, the rest stays', changes: { labels: { env: 'prod' } }, expected: { ...stored, labels: { env: 'prod' } } },
    { name: 'one quota flag changes that key only', changes: { resourceQuota: { cpuLimits: '4' } }, expected: { ...stored, resourceQuota: { cpuRequests: '1', cpuLimits: '4' } } },
    { name: 'one policy direction keeps the other', changes: { networkPolicy: { egress: 'AllowAll' as const } }, expected: { ...stored, networkPolicy: { ingress: 'DenyAll', egress: 'AllowAll' } } },
    { name: 'a member list given replaces the old one', changes: { memberClusterNames: ['c'] }, expected: { ...stored, memberClusterNames: ['c'] } },
  ])('$name', ({ changes, expected }) => {
    expect(updateSpec(stored, changes)).toEqual(expected);
  });
});

describe('checkDefinition', () => {
  it.each([
    { name: 'a valid definition passes', nsName: 'team-a', spec: stored, error: undefined },
    { name: 'a reserved name is refused naming NAME', nsName: 'kube-system', spec: {}, error: 'NAME: "kube-system" is a reserved namespace' },
    { name: 'requests above limits are refused naming the flag', nsName: 'team-a', spec: { resourceQuota: { memoryRequests: '2Gi', memoryLimits: '1Gi' } }, error: '--memory-requests: memory requests (2Gi) must not be above memory limits (1Gi)' },
    { name: 'a reserved label key is refused naming --labels', nsName: 'team-a', spec: { labels: { 'flotilla.io/owner': 'x' } }, error: '--labels:' },
  ])('$name', ({ nsName, spec, error }) => {
    if (error) expect(() => checkDefinition(nsName, spec)).toThrow(error);
    else expect(() => checkDefinition(nsName, spec)).not.toThrow();
  });
});

describe('role assignments', () => {
  it.each([
    { name: 'cluster-admin is ClusterAdmin for a user', flags: { role: 'cluster-admin', user: 'root' }, expected: { role: 'ClusterAdmin', kind: 'User', name: 'root' } },
    { name: 'writer for a group', flags: { role: 'writer', group: 'devs' }, expected: { role: 'Writer', kind: 'Group', name: 'devs' } },
    { name: 'both --user and --group are refused', flags: { role: 'reader', user: 'a', group: 'b' }, error: 'give exactly one of --user or --group' },
    { name: 'neither --user nor --group is refused', flags: { role: 'reader' }, error: 'give exactly one of --user or --group' },
    { name: 'an unknown role names the allowed ones', flags: { role: 'owner', user: 'a' }, error: '--role owner: not one of reader, writer, admin, clusterAdmin' },
  ])('$name', ({ flags, expected, error }) => {
    if (error) expect(() => roleSubject(flags)).toThrow(error);
    else expect(roleSubject(flags)).toEqual(expected);
  });

  it('adding an assignment already there changes nothing; adding a new one appends it', () => {
    expect(addRoleAssignment(stored, { role: 'Reader', kind: 'User', name: 'alice' }).changed).toBe(false);
    const { spec, changed } = addRoleAssignment(stored, { role: 'Admin', kind: 'Group', name: 'ops' });
    expect(changed).toBe(true);
    expect(spec.roleAssignments).toEqual([{ role: 'Reader', kind: 'User', name: 'alice' }, { role: 'Admin', kind: 'Group', name: 'ops' }]);
  });

  it('removing the last assignment drops the list; removing one not there changes nothing', () => {
    expect(removeRoleAssignment(stored, { role: 'Admin', kind: 'User', name: 'alice' }).changed).toBe(false);
    const { spec, changed } = removeRoleAssignment(stored, { role: 'Reader', kind: 'User', name: 'alice' });
    expect(changed).toBe(true);
    expect(spec.roleAssignments).toBeUndefined();
  });
});
