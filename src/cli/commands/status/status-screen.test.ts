import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/meta.js';
import { statusScreen, statusSummary, type StatusObjects } from './status-screen.js';

const now = new Date('2026-01-01T00:10:00Z');
const object = (kind: string, name: string, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'fleet-default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {},
  ...(status ? { status } : {}),
});
const ready = { conditions: [{ type: 'Ready', status: 'True' }], agent: { lastSeen: '2026-01-01T00:09:59Z' } };
const empty: StatusObjects = { gitRepos: [], bundles: [], clusters: [], managedNamespaces: [] };

const cases = [
  {
    name: 'a workspace where everything is ready says so after the tables',
    objects: { ...empty, clusters: [object('Cluster', 'east', ready)] },
    has: ['Hub https://hub:6443, workspace fleet-default\n', 'CLUSTERS (1)\nNAME   BUNDLES-READY   LAST-SEEN   STATE   AGE\neast                   1s                  10m\n', 'GITREPOS (0)\n  none\n', 'Everything is ready.\n'],
  },
  {
    name: 'what is not ready is listed with its kind, workspace/name and why',
    objects: { ...empty, managedNamespaces: [object('ManagedNamespace', 'team-a', { conditions: [{ type: 'Ready', status: 'False', reason: 'Placing', message: '1 of 2 members placed' }] })] },
    has: ['NOT READY (1)\nKIND               NAME                   WHY\nManagedNamespace   fleet-default/team-a   Placing: 1 of 2 members placed\n'],
  },
];

describe('statusScreen', () => {
  it.each(cases)('$name', ({ objects, has }) => {
    const text = statusScreen({ objects, namespace: 'fleet-default', server: 'https://hub:6443', now });
    for (const part of has) expect(text).toContain(part);
  });

  it('the summary counts objects and those not ready per kind', () => {
    const summary = statusSummary({ objects: { ...empty, bundles: [object('Bundle', 'a', ready), object('Bundle', 'b')] }, namespace: undefined, server: 's', now });
    expect(summary.counts.bundles).toEqual({ total: 2, notReady: 1 });
    expect(summary.notReady.map((n) => n.name)).toEqual(['b']);
  });
});
