import { describe, expect, it } from 'vitest';
import type { PolicyRule } from './rbac-objects.js';
import { breakdownRule, covers } from './rule-covers.js';

interface Case {
  name: string;
  owner: PolicyRule[];
  requested: PolicyRule[];
  covered: boolean;
}

const pods = (verbs: string[], extra: Partial<PolicyRule> = {}): PolicyRule => ({ verbs, apiGroups: [''], resources: ['pods'], ...extra });

const cases: Case[] = [
  { name: 'the same rule covers itself', owner: [pods(['get'])], requested: [pods(['get'])], covered: true },
  { name: 'more verbs cover fewer', owner: [pods(['get', 'list'])], requested: [pods(['get'])], covered: true },
  { name: 'fewer verbs do not cover more', owner: [pods(['get'])], requested: [pods(['get', 'delete'])], covered: false },
  { name: 'verb * covers every verb', owner: [pods(['*'])], requested: [pods(['escalate', 'delete'])], covered: true },
  { name: 'group * covers any group', owner: [{ verbs: ['get'], apiGroups: ['*'], resources: ['pods'] }], requested: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }], covered: true },
  { name: 'resource * covers resources and subresources', owner: [{ verbs: ['get'], apiGroups: [''], resources: ['*'] }], requested: [pods(['get'], { resources: ['pods', 'pods/log'] })], covered: true },
  { name: 'a resource does not cover its subresource', owner: [pods(['get'])], requested: [pods(['get'], { resources: ['pods/log'] })], covered: false },
  { name: '*/subresource covers that subresource of any resource', owner: [pods(['get'], { resources: ['*/scale'] })], requested: [pods(['get'], { resources: ['deployments/scale'] })], covered: true },
  { name: 'rules held in pieces cover a rule asking for all of them', owner: [pods(['get']), pods(['list'])], requested: [pods(['get', 'list'])], covered: true },
  { name: 'a rule without names covers named requests', owner: [pods(['get'])], requested: [pods(['get'], { resourceNames: ['p'] })], covered: true },
  { name: 'a named rule does not cover an unnamed one', owner: [pods(['get'], { resourceNames: ['p'] })], requested: [pods(['get'])], covered: false },
  { name: 'a named rule covers a subset of its names', owner: [pods(['get'], { resourceNames: ['p', 'q'] })], requested: [pods(['get'], { resourceNames: ['q'] })], covered: true },
  { name: 'a URL with a trailing * covers URLs below it', owner: [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], requested: [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }], covered: true },
  { name: 'an exact URL does not cover another', owner: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], requested: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }], covered: false },
  { name: 'nothing is covered by no rules', owner: [], requested: [pods(['get'])], covered: false },
  { name: 'an empty request is always covered', owner: [], requested: [], covered: true },
];

describe('covers', () => {
  it.each(cases)('$name', ({ owner, requested, covered }) => {
    expect(covers(owner, requested).covers).toBe(covered);
  });

  it('reports the broken-down rules that are not covered', () => {
    expect(covers([pods(['get'])], [pods(['get', 'delete'])]).uncovered).toEqual([pods(['delete'])]);
  });
});

describe('breakdownRule', () => {
  it('splits a rule into one rule per group, resource, verb and name', () => {
    const parts = breakdownRule({ verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['a'], resourceNames: ['x'] });
    expect(parts).toHaveLength(4);
    expect(parts[0]).toEqual({ verbs: ['get'], apiGroups: [''], resources: ['a'], resourceNames: ['x'] });
  });

  it('splits non-resource URLs by verb', () => {
    expect(breakdownRule({ verbs: ['get'], nonResourceURLs: ['/a', '/b'] })).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/a'] },
      { verbs: ['get'], nonResourceURLs: ['/b'] },
    ]);
  });
});
