import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { Condition } from '../../api/meta.js';
import { sourceCondition } from './bundle-source-status.js';

const now = '2026-01-01T00:00:00Z';
const bundle = (conditions?: Condition[]): Bundle => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'Bundle',
  metadata: { name: 'apps-web', namespace: 'fleet-default' },
  spec: {},
  ...(conditions ? { status: { conditions } } : {}),
});
const failed: Condition = { type: 'Accepted', status: 'False', reason: 'BundleError', message: 'old', lastTransitionTime: '2025-01-01T00:00:00Z' };
const error = { path: 'web', bundleName: 'apps-web', file: 'web/fleet.yaml', message: 'web/fleet.yaml: helm.repo: GET http://127.0.0.1:1/index.yaml: connect ECONNREFUSED' };

describe('sourceCondition', () => {
  const cases = [
    { name: 'a Bundle whose path failed shows Accepted=False with the error', bundle: bundle(), error, want: { status: 'False', reason: 'BundleError', lastTransitionTime: now } },
    { name: 'a Bundle that failed before keeps the time it started failing', bundle: bundle([failed]), error, want: { status: 'False', reason: 'BundleError', lastTransitionTime: failed.lastTransitionTime } },
    { name: 'a Bundle whose path builds again turns Accepted=True', bundle: bundle([failed]), error: undefined, want: { status: 'True', reason: 'Accepted', message: '', lastTransitionTime: now } },
    { name: 'a Bundle that never failed is not written', bundle: bundle(), error: undefined, want: undefined },
  ];
  it.each(cases)('$name', ({ bundle: b, error: e, want }) => {
    const got = sourceCondition(b, e, now);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatchObject({ type: 'Accepted', ...want });
    if (e && got) expect(got.message).toContain('ECONNREFUSED');
  });
});
