import { describe, expect, it } from 'vitest';
import type { BundleDeploymentStatus } from '../../api/bundle-deployment.js';
import { statusChanged } from './status-change.js';

const ready = (at: string, extra: Partial<BundleDeploymentStatus> = {}): BundleDeploymentStatus => ({
  appliedDeploymentID: 's-1:a',
  ready: true,
  nonModified: true,
  conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', lastTransitionTime: at, lastUpdateTime: at }],
  ...extra,
});

const cases = [
  { name: 'a status that differs only in condition times needs no write', previous: ready('2025-01-01T00:00:00Z'), next: ready('2025-01-01T01:00:00Z'), changed: false },
  { name: 'a first status needs a write', previous: undefined, next: ready('2025-01-01T00:00:00Z'), changed: true },
  { name: 'a new applied deploymentID needs a write', previous: ready('t'), next: ready('t', { appliedDeploymentID: 's-2:a' }), changed: true },
  { name: 'drift appearing needs a write', previous: ready('t'), next: ready('t', { nonModified: false, modifiedStatus: [{ kind: 'ConfigMap', name: 'c', missing: true }] }), changed: true },
  { name: 'the same fields in another order need no write', previous: { ready: true, appliedDeploymentID: 'x' }, next: { appliedDeploymentID: 'x', ready: true }, changed: false },
];

describe('statusChanged', () => {
  it.each(cases)('$name', ({ previous, next, changed }) => {
    expect(statusChanged(previous, next)).toBe(changed);
  });
});
