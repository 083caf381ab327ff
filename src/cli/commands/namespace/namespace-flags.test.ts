import { describe, expect, it } from 'vitest';
import { definitionChanges, type DefinitionFlags } from './namespace-flags.js';

interface Case {
  name: string;
  flags: DefinitionFlags;
  expected?: unknown;
  error?: string;
}

const cases: Case[] = [
  { name: 'no flag changes nothing', flags: {}, expected: {} },
  { name: 'labels and annotations are k=v pairs', flags: { labels: ['team=a', 'tier=web'], annotations: ['owner=x=y'] }, expected: { labels: { team: 'a', tier: 'web' }, annotations: { owner: 'x=y' } } },
  { name: 'a label without = is refused', flags: { labels: ['team'] }, error: '--labels team: expected key=value' },
  { name: 'a label given twice is refused', flags: { labels: ['a=1', 'a=2'] }, error: '--labels a=2: a is given more than once' },
  { name: 'quantities are kept as typed', flags: { cpuRequests: '500m', memoryLimits: '1Gi' }, expected: { resourceQuota: { cpuRequests: '500m', memoryLimits: '1Gi' } } },
  { name: 'a quantity that is not one is refused, naming the flag', flags: { memoryRequests: 'lots' }, error: '--memory-requests lots: not a Kubernetes quantity' },
  { name: 'policies match case-insensitively', flags: { ingressPolicy: 'allowSameNamespace', egressPolicy: 'DENYALL' }, expected: { networkPolicy: { ingress: 'AllowSameNamespace', egress: 'DenyAll' } } },
  { name: 'an unknown policy is refused, naming the allowed values', flags: { ingressPolicy: 'open' }, error: '--ingress-policy open: not one of allowAll, allowSameNamespace, denyAll' },
  { name: 'adoption and delete policies are normalised', flags: { adoptionPolicy: 'ifIdentical', deletePolicy: 'delete' }, expected: { adoptionPolicy: 'IfIdentical', deletePolicy: 'Delete' } },
  { name: 'an unknown adoption policy names never, ifIdentical and always', flags: { adoptionPolicy: 'sometimes' }, error: '--adoption-policy sometimes: not one of never, ifIdentical, always' },
  { name: 'an unknown delete policy names keep and delete', flags: { deletePolicy: 'purge' }, error: '--delete-policy purge: not one of keep, delete' },
  { name: 'member names lose duplicates', flags: { memberClusterNames: ['a', 'b', 'a'] }, expected: { memberClusterNames: ['a', 'b'] } },
  { name: 'an empty member list means the hub only', flags: { memberClusterNames: [] }, expected: { memberClusterNames: [] } },
];

describe('definitionChanges', () => {
  it.each(cases)('$name', (c) => {
    if (c.error) expect(() => definitionChanges(c.flags)).toThrow(c.error);
    else expect(definitionChanges(c.flags)).toEqual(c.expected);
  });
});
