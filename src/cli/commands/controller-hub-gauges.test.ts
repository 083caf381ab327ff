import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { Cluster } from '../../api/cluster.js';
import { bundleStateCounts, gaugeBundle, gaugeCluster, heartbeatAges } from './controller-hub-gauges.js';

const bundle = (status?: Bundle['status']): Bundle => ({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', metadata: { name: 'b' }, spec: {}, ...(status ? { status } : {}) });
const cluster = (name: string, lastSeen?: string): Cluster => ({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', metadata: { name, namespace: 'fleet-default' }, spec: {}, ...(lastSeen ? { status: { agent: { lastSeen } } } : {}) });

const stateCases = [
  { name: 'no bundles count nothing', bundles: [], want: {} },
  { name: 'an empty display state is Ready, as the printer columns show it', bundles: [bundle({ display: { state: '' } }), bundle({ conditions: [] })], want: { Ready: 2 } },
  { name: 'states are counted as the display names them', bundles: [bundle({ display: { state: 'NotReady' } }), bundle({ display: { state: 'NotReady' } }), bundle({ display: { state: 'ErrApplied' } })], want: { NotReady: 2, ErrApplied: 1 } },
  { name: 'a bundle the controller has not processed is Unprocessed', bundles: [bundle()], want: { Unprocessed: 1 } },
];

const now = Date.parse('2026-01-01T00:01:00Z');
const ageCases = [
  { name: 'an agent seen a minute ago is 60 seconds old', clusters: [cluster('a', '2026-01-01T00:00:00Z')], want: [{ namespace: 'fleet-default', cluster: 'a', seconds: 60 }] },
  { name: 'a cluster whose agent never reported has no age', clusters: [cluster('b')], want: [] },
  { name: 'a heartbeat from a clock ahead of ours is not negative', clusters: [cluster('c', '2026-01-01T00:02:00Z')], want: [{ namespace: 'fleet-default', cluster: 'c', seconds: 0 }] },
];

describe('controller hub gauges', () => {
  it.each(stateCases)('$name', ({ bundles, want }) => expect(Object.fromEntries(bundleStateCounts(bundles))).toEqual(want));
  it.each(ageCases)('$name', ({ clusters, want }) => expect(heartbeatAges(clusters, now)).toEqual(want));

  it.each(stateCases)('the cached projection counts the same: $name', ({ bundles, want }) => expect(Object.fromEntries(bundleStateCounts(bundles.map(gaugeBundle)))).toEqual(want));
  it.each(ageCases)('the cached projection ages the same: $name', ({ clusters, want }) => expect(heartbeatAges(clusters.map(gaugeCluster), now)).toEqual(want));

  it('the cached projections drop what the gauges do not read', () => {
    const big = { ...bundle({ display: { state: 'NotReady' } }), spec: { resources: [{ name: 'a.yaml', content: 'x'.repeat(1000) }] } };
    expect(gaugeBundle(big)).toEqual({ apiVersion: big.apiVersion, kind: 'Bundle', metadata: { name: 'b' }, spec: {}, status: { display: { state: 'NotReady' } } });
    const seen = { ...cluster('a', '2026-01-01T00:00:00Z'), metadata: { name: 'a', namespace: 'fleet-default', managedFields: [{ manager: 'x' }], labels: { env: 'prod' } } };
    expect(gaugeCluster(seen)).toEqual({ apiVersion: seen.apiVersion, kind: 'Cluster', metadata: { name: 'a', namespace: 'fleet-default' }, spec: {}, status: { agent: { lastSeen: '2026-01-01T00:00:00Z' } } });
  });
});
