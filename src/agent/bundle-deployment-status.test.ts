import { describe, expect, it } from 'vitest';
import { bundleDeploymentStatus, type StatusInput } from './bundle-deployment-status.js';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'app', name: 'web' };
const base: StatusInput = { deploymentID: 's-1:a', applied: true, objects: [], modified: [], now: '2026-01-01T00:00:00Z' };
const notReady = { ref, live: undefined, readiness: { ready: false, state: 'Missing' as const, message: 'Deployment app/web: missing' } };

const cases = [
  { name: 'an applied, ready and unmodified deployment is Ready', input: base, state: 'Ready', ready: true, applied: 's-1:a' },
  { name: 'an apply failure is ErrApplied and keeps the previous appliedDeploymentID', input: { ...base, applied: false, failure: { reason: 'ApplyFailed', message: 'boom' }, previous: { appliedDeploymentID: 's-0:a' } }, state: 'ErrApplied', ready: false, applied: 's-0:a' },
  { name: 'a non-ready object is NotReady with its message in the Ready condition', input: { ...base, objects: [notReady] }, state: 'NotReady', ready: false, applied: 's-1:a', readyMessage: 'NotReady(1) [Deployment app/web: missing]' },
  {
    name: 'a check that could not read the member is NotReady, with MonitorFailed and the error in the Ready condition',
    input: { ...base, monitorFailure: 'checking the applied objects failed: connect ECONNREFUSED 127.0.0.1:6443' },
    state: 'NotReady',
    ready: false,
    applied: 's-1:a',
    readyMessage: 'checking the applied objects failed: connect ECONNREFUSED 127.0.0.1:6443',
  },
  { name: 'a modified object is Modified', input: { ...base, modified: [{ ...ref, patch: '{}', fields: ['spec.replicas'] }] }, state: 'Modified', ready: true, applied: 's-1:a' },
];

describe('bundleDeploymentStatus', () => {
  it.each(cases)('$name', ({ input, state, ready, applied, readyMessage }) => {
    const status = bundleDeploymentStatus(input);
    expect(status.display?.state).toBe(state);
    expect(status.ready).toBe(ready);
    expect(status.appliedDeploymentID).toBe(applied);
    if (readyMessage) expect(status.conditions?.find((c) => c.type === 'Ready')?.message).toBe(readyMessage);
  });

  it('a condition keeps its transition time while its status stays', () => {
    const first = bundleDeploymentStatus(base);
    const second = bundleDeploymentStatus({ ...base, previous: first, now: '2026-01-02T00:00:00Z' });
    expect(second.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });
});
