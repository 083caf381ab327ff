import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS } from '../api/names.js';
import { mayPrune } from './prune-guard.js';

const KEY = 'cluster-ns/app';
const object = (annotations?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'team-b', ...(annotations ? { annotations } : {}) } });

describe('mayPrune', () => {
  const cases = [
    { name: 'an object this BundleDeployment applied may be pruned', live: object({ [ANNOTATIONS.bundleDeployment]: KEY }), expected: true },
    { name: 'an object without the annotation (never applied, e.g. a refused apply) is kept', live: object(), expected: false },
    { name: 'an object with other annotations only is kept', live: object({ team: 'b' }), expected: false },
    { name: 'an object another BundleDeployment applied since is kept', live: object({ [ANNOTATIONS.bundleDeployment]: 'cluster-ns/other' }), expected: false },
  ];

  it.each(cases)('$name', ({ live, expected }) => {
    expect(mayPrune(live, KEY)).toBe(expected);
  });
});
