import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { renderManagedNamespace, type AdoptionPolicy } from '../bundle/index.js';
import { decideAdoption } from './adoption.js';
import { decideRemoval } from './removal.js';

const OWNER = 'fleet-default.team';
const desiredFor = (adoptionPolicy: AdoptionPolicy) =>
  renderManagedNamespace({ name: 'team', labels: { tier: 'gold' }, annotations: { contact: 'ops' }, adoptionPolicy, resourceQuota: { cpuLimits: '2' } }, { owner: OWNER });
const liveNs = (labels: Record<string, string>, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels, annotations } });
const quota = (cpu: string): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'flotilla-resource-quota', namespace: 'team' }, spec: { hard: { 'limits.cpu': cpu } } });

const identical = liveNs({ tier: 'gold', other: 'x' }, { contact: 'ops' });
const cases = [
  { name: 'an absent namespace is created under Never', policy: 'Never' as const, live: undefined, children: [], action: 'create' },
  { name: 'an unmanaged namespace is refused under Never (reason: AdoptionNever)', policy: 'Never' as const, live: identical, children: [], action: 'refuse', reason: 'AdoptionNever' },
  { name: 'an identical namespace with extra labels is adopted under IfIdentical', policy: 'IfIdentical' as const, live: identical, children: [quota('2')], action: 'adopt' },
  { name: 'a differing label is refused under IfIdentical, naming it (reason: NotIdentical)', policy: 'IfIdentical' as const, live: liveNs({ tier: 'silver' }, { contact: 'ops' }), children: [], action: 'refuse', reason: 'NotIdentical', mentions: 'metadata.labels.tier' },
  { name: 'a differing quota of Flotilla’s name is refused under IfIdentical', policy: 'IfIdentical' as const, live: identical, children: [quota('4')], action: 'refuse', reason: 'NotIdentical', mentions: 'ResourceQuota team/flotilla-resource-quota' },
  { name: 'a differing namespace is adopted with force under Always', policy: 'Always' as const, live: liveNs({ tier: 'silver' }), children: [], action: 'adopt' },
  { name: 'a namespace of another managed namespace is refused under Always, naming the owner', policy: 'Always' as const, live: liveNs({ 'flotilla.io/managed-namespace': 'other.ns' }), children: [], action: 'refuse', reason: 'ManagedByOther', mentions: 'other.ns' },
  { name: 'a namespace of another hub is refused, naming the hub', policy: 'Always' as const, live: liveNs({ 'flotilla.io/managed-by': 'hub-b' }), children: [], action: 'refuse', reason: 'ManagedByOther', mentions: 'hub-b' },
  { name: 'a namespace already ours is updated', policy: 'Never' as const, live: liveNs({ 'flotilla.io/managed-namespace': OWNER, 'flotilla.io/managed-by': 'hub-a' }), children: [], action: 'update' },
];

describe('decideAdoption', () => {
  it.each(cases)('$name', ({ policy, live, children, action, reason, mentions }) => {
    const [desired, ...desiredChildren] = desiredFor(policy);
    const decision = decideAdoption({ desired: desired!, desiredChildren: desiredChildren.filter((c) => c.kind === 'ResourceQuota'), live, liveChildren: children, hub: 'hub-a' });
    expect(decision.action).toBe(action);
    if (decision.action === 'refuse') {
      expect(decision.reason).toBe(reason);
      if (mentions) expect(decision.message).toContain(mentions);
    }
    if (decision.action === 'adopt') expect(decision.force).toBe(policy === 'Always');
  });
});

describe('decideRemoval', () => {
  const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: 'team', name: 'flotilla-reader-1' };
  const rq = { apiVersion: 'v1', kind: 'ResourceQuota', namespace: 'team', name: 'flotilla-resource-quota' };
  const ours = (policy: string) => liveNs({ 'flotilla.io/managed-namespace': OWNER }, { 'flotilla.io/delete-policy': policy });
  const cases2 = [
    { name: 'Keep releases the namespace, keeps its quota and deletes the bindings', live: ours('Keep'), action: 'release', deleted: ['RoleBinding'], released: ['ResourceQuota'] },
    { name: 'Delete deletes the namespace', live: ours('Delete'), action: 'delete', deleted: [], released: [] },
    { name: 'a namespace another owner manages now is never deleted', live: liveNs({ 'flotilla.io/managed-namespace': 'other.ns' }, { 'flotilla.io/delete-policy': 'Delete' }), action: 'refuse', deleted: ['RoleBinding'], released: [] },
    { name: 'a namespace already gone needs nothing', live: undefined, action: 'none', deleted: ['RoleBinding'], released: [] },
  ];
  it.each(cases2)('$name', ({ live, action, deleted, released }) => {
    const plan = decideRemoval({ namespace: 'team', owner: OWNER, live, hub: 'hub-a', children: [binding, rq] });
    expect(plan.namespace.action).toBe(action);
    expect(plan.deleteObjects.map((r) => r.kind)).toEqual(deleted);
    expect(plan.releaseObjects.map((r) => r.kind)).toEqual(released);
  });
});
