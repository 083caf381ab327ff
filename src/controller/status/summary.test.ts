import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { MAX_NON_READY_DETAILS } from '../../api/bundle-summary.js';
import { addSummaries, isSummaryReady, summarizeDeployments, summaryMessage, summaryState, MAX_OBJECTS_PER_DETAIL } from './summary.js';

const ready: BundleDeployment = {
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'BundleDeployment',
  metadata: { name: 'app' },
  spec: { deploymentID: 's-1:a' },
  status: { appliedDeploymentID: 's-1:a', ready: true, nonModified: true },
};
const notReady: BundleDeployment = {
  ...ready,
  status: {
    appliedDeploymentID: 's-1:a',
    ready: false,
    nonReadyStatus: Array.from({ length: 5 }, (_, i) => ({ kind: 'Deployment', name: `d${i}` })),
    conditions: [{ type: 'Ready', status: 'False', message: 'Deployment d0 is not ready' }],
  },
};
const waiting: BundleDeployment = { ...ready, status: {} };

describe('summarizeDeployments', () => {
  const cases = [
    { name: 'nothing to deploy is ready with zero counts', entries: [], want: { ready: 0, desiredReady: 0 }, state: 'Ready', isReady: true },
    { name: 'every ready BundleDeployment counts as ready', entries: [{ name: 'ws/a', deployment: ready }], want: { ready: 1, desiredReady: 1 }, state: 'Ready', isReady: true },
    {
      name: 'a missing BundleDeployment counts as pending and is detailed',
      entries: [{ name: 'ws/a', deployment: undefined }, { name: 'ws/b', deployment: ready }],
      want: { ready: 1, pending: 1, desiredReady: 2, nonReadyResources: [{ name: 'ws/a', bundleState: 'Pending', message: 'not created yet' }] },
      state: 'Pending',
      isReady: false,
    },
    {
      name: 'the worst state wins and details list the worst first',
      entries: [{ name: 'ws/a', deployment: notReady }, { name: 'ws/b', deployment: waiting }],
      want: { notReady: 1, waitApplied: 1, desiredReady: 2 },
      state: 'WaitApplied',
      isReady: false,
    },
  ];
  it.each(cases)('$name', ({ entries, want, state, isReady }) => {
    const summary = summarizeDeployments(entries);
    expect(summary).toMatchObject(want);
    expect(summaryState(summary)).toBe(state);
    expect(isSummaryReady(summary)).toBe(isReady);
  });

  it('details are capped in count and in objects per entry, so status stays small at any scale', () => {
    const entries = Array.from({ length: 1000 }, (_, i) => ({ name: `ws/c${String(i).padStart(4, '0')}`, deployment: notReady }));
    const summary = summarizeDeployments(entries);
    expect(summary.notReady).toBe(1000);
    expect(summary.nonReadyResources).toHaveLength(MAX_NON_READY_DETAILS);
    expect(summary.nonReadyResources?.[0]).toMatchObject({ name: 'ws/c0000', bundleState: 'NotReady', message: 'Deployment d0 is not ready' });
    expect(summary.nonReadyResources?.[0]?.nonReadyStatus).toHaveLength(MAX_OBJECTS_PER_DETAIL);
    expect(JSON.stringify(summary).length).toBeLessThan(4096);
  });
});

describe('addSummaries and summaryMessage', () => {
  it('summaries add up, and the message names each non-ready state with its clusters, worst first', () => {
    const a = summarizeDeployments([{ name: 'ws/a', deployment: notReady }]);
    const b = summarizeDeployments([{ name: 'ws/b', deployment: waiting }, { name: 'ws/c', deployment: ready }]);
    const total = addSummaries([a, undefined, b]);
    expect(total).toMatchObject({ notReady: 1, waitApplied: 1, ready: 1, desiredReady: 3 });
    expect(summaryMessage(total)).toBe('WaitApplied(1) [Cluster ws/b]; NotReady(1) [Cluster ws/a]');
  });
});
