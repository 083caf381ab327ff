import { describe, expect, it } from 'vitest';
import type { ManagedNamespace, MemberState } from '../../api/managed-namespace.js';
import { namespaceTable } from './namespace-table.js';

function mns(name: string, members: Array<[string, MemberState]>): ManagedNamespace {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'ManagedNamespace', metadata: { name, namespace: 'fleet-default' }, spec: {}, status: { members: members.map(([clusterName, state]) => ({ clusterName, state })) } } as ManagedNamespace;
}

const cases = [
  {
    name: 'rows are namespaces sorted by name, columns the members in the order given, then ready out of placed-on',
    clusters: ['member-1', 'member-2'],
    namespaces: [mns('team-search', [['member-1', 'Placed'], ['member-2', 'Adopted']]), mns('sandbox-ml', [['member-2', 'Placed'], ['member-1', 'Failed']])],
    expected: ['MANAGED NAMESPACE   MEMBER-1   MEMBER-2   READY', 'sandbox-ml          Failed     Placed     1/2', 'team-search         Placed     Adopted    2/2', ''],
  },
  {
    name: 'a member the namespace is not placed on shows a dash',
    clusters: ['member-1', 'member-2'],
    namespaces: [mns('team-a', [['member-1', 'Pending']])],
    expected: ['MANAGED NAMESPACE   MEMBER-1   MEMBER-2   READY', 'team-a              Pending    -          0/1', ''],
  },
  { name: 'no managed namespaces print the header alone', clusters: ['member-1'], namespaces: [], expected: ['MANAGED NAMESPACE   MEMBER-1   READY', ''] },
];

describe('namespaceTable', () => {
  it.each(cases)('$name', ({ clusters, namespaces, expected }) => {
    expect(namespaceTable(clusters, namespaces).split('\n')).toEqual(expected);
  });
});
