import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles, aggregatedRules } from './aggregation.js';
import type { ClusterRole, PolicyRule } from './rbac-objects.js';

const role = (name: string, labels: Record<string, string>, verbs: string[], resource: string): ClusterRole => ({
  metadata: { name, labels },
  rules: [{ verbs, apiGroups: [''], resources: [resource] }],
});

const aggregator = (name: string, label: string, labels: Record<string, string> = {}): ClusterRole => ({
  metadata: { name, labels },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] },
  rules: [],
});

interface Case {
  name: string;
  roles: ClusterRole[];
  target: string;
  resources: string[];
}

const cases: Case[] = [
  {
    name: 'rules of roles with the selected label are gathered in name order',
    roles: [aggregator('mon', 'to-mon'), role('z', { 'to-mon': 'true' }, ['get'], 'pods'), role('a', { 'to-mon': 'true' }, ['get'], 'services')],
    target: 'mon',
    resources: ['services', 'pods'],
  },
  {
    name: 'roles without the label are left out',
    roles: [aggregator('mon', 'to-mon'), role('x', { other: 'true' }, ['get'], 'pods')],
    target: 'mon',
    resources: [],
  },
  {
    name: 'a rule two roles share is listed once',
    roles: [aggregator('mon', 'to-mon'), role('a', { 'to-mon': 'true' }, ['get'], 'pods'), role('b', { 'to-mon': 'true' }, ['get'], 'pods')],
    target: 'mon',
    resources: ['pods'],
  },
];

describe('aggregatedRules', () => {
  it.each(cases)('$name', ({ roles, target, resources }) => {
    const rules = aggregatedRules(roles.find((r) => r.metadata.name === target) as ClusterRole, roles) ?? [];
    expect(rules.map((r) => r.resources?.[0])).toEqual(resources);
  });

  it('a role without an aggregationRule aggregates nothing', () => {
    expect(aggregatedRules(role('a', {}, ['get'], 'pods'), [])).toBeUndefined();
  });
});

describe('aggregateClusterRoles', () => {
  it('nested aggregation settles: admin gets what view aggregates through edit', () => {
    const roles = [
      aggregator('admin', 'to-admin'),
      aggregator('edit', 'to-edit', { 'to-admin': 'true' }),
      aggregator('view', 'to-view', { 'to-edit': 'true' }),
      role('crd-view', { 'to-view': 'true' }, ['get'], 'widgets'),
    ];
    const updated = aggregateClusterRoles(roles);
    const admin = updated.find((r) => r.metadata.name === 'admin');
    expect(updated.map((r) => r.metadata.name).sort()).toEqual(['admin', 'edit', 'view']);
    expect(admin?.rules).toEqual([{ verbs: ['get'], apiGroups: [''], resources: ['widgets'] }]);
  });

  it('roles already up to date are not returned', () => {
    const roles = [aggregator('mon', 'to-mon'), role('a', { 'to-mon': 'true' }, ['get'], 'pods')];
    const once = aggregateClusterRoles(roles);
    const stored = roles.map((r) => once.find((u) => u.metadata.name === r.metadata.name) ?? r);
    expect(aggregateClusterRoles(stored)).toEqual([]);
  });
});

describe('aggregation cost', () => {
  /** A rule that counts how often its verbs are read: once per comparison key computed. */
  function countedRule(resource: string, reads: { n: number }) {
    const rule = { apiGroups: [''], resources: [resource] } as unknown as PolicyRule;
    Object.defineProperty(rule, 'verbs', { enumerable: true, get: () => (reads.n++, ['get']) });
    return rule;
  }

  it('reads each rule a bounded number of times, however many rules are gathered', () => {
    const reads = { n: 0 };
    const count = 300;
    const roles: ClusterRole[] = [aggregator('mon', 'to-mon')];
    for (let i = 0; i < count; i++) roles.push({ metadata: { name: `r${i}`, labels: { 'to-mon': 'true' } }, rules: [countedRule(`res${i}`, reads)] });
    const changed = aggregateClusterRoles(roles);
    expect(changed.find((r) => r.metadata.name === 'mon')?.rules).toHaveLength(count);
    // Comparing each rule with every rule gathered before it read them about count²/2 times.
    expect(reads.n).toBeLessThanOrEqual(2 * count);
  });
});
