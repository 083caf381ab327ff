import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { readinessOf } from './readiness.js';

const o = (apiVersion: string, kind: string, rest: Partial<KubeObject> = {}, generation?: number): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: kind === 'Namespace' || kind === 'CustomResourceDefinition' ? undefined : 'ns', ...(generation ? { generation } : {}) },
  ...rest,
});

const cases = [
  { name: 'a Deployment with every replica updated and available is ready', obj: o('apps/v1', 'Deployment', { spec: { replicas: 2 }, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 } }, 1), ready: true, message: '' },
  { name: 'a Deployment whose controller has not observed it is not ready', obj: o('apps/v1', 'Deployment', { spec: { replicas: 1 } }, 1), ready: false, message: 'Deployment ns/x: waiting for the controller to observe it' },
  { name: 'a Deployment short of available replicas names the count', obj: o('apps/v1', 'Deployment', { spec: { replicas: 2 }, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 } }, 1), ready: false, message: 'Deployment ns/x: 1 of 2 replicas available' },
  { name: 'a StatefulSet short of ready replicas is not ready', obj: o('apps/v1', 'StatefulSet', { spec: { replicas: 3 }, status: { observedGeneration: 1, readyReplicas: 1 } }, 1), ready: false, message: 'StatefulSet ns/x: 1 of 3 replicas ready' },
  { name: 'a DaemonSet with every pod available is ready', obj: o('apps/v1', 'DaemonSet', { status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 } }, 1), ready: true, message: '' },
  { name: 'a complete Job is ready', obj: o('batch/v1', 'Job', { status: { conditions: [{ type: 'Complete', status: 'True' }] } }), ready: true, message: '' },
  { name: 'a failed Job names the reason', obj: o('batch/v1', 'Job', { status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } }), ready: false, message: 'Job ns/x: failed: BackoffLimitExceeded' },
  { name: 'a terminating Namespace is not ready', obj: o('v1', 'Namespace', { status: { phase: 'Terminating' } }), ready: false, message: 'Namespace x: terminating' },
  { name: 'a Namespace without status is ready', obj: o('v1', 'Namespace'), ready: true, message: '' },
  { name: 'a CRD is ready once Established', obj: o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions: [{ type: 'Established', status: 'True' }] } }), ready: true, message: '' },
  { name: 'a CRD not yet Established is not ready', obj: o('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), ready: false, message: 'CustomResourceDefinition x: not established yet' },
  { name: 'an object with Ready False gives its reason', obj: o('example.com/v1', 'Widget', { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Broken', message: 'no disk' }] } }), ready: false, message: 'Widget ns/x: Ready is False: Broken: no disk' },
  { name: 'an object without a Ready condition is ready by being there', obj: o('v1', 'ConfigMap'), ready: true, message: '' },
];

describe('readinessOf', () => {
  it.each(cases)('$name', ({ obj, ready, message }) => {
    const r = readinessOf(obj);
    expect(r.ready).toBe(ready);
    expect(r.message).toBe(message);
  });

  it('ignore.conditions drops a matching condition before it is read', () => {
    const obj = o('example.com/v1', 'Widget', { status: { conditions: [{ type: 'Ready', status: 'False' }] } });
    expect(readinessOf(obj, { ignoreConditions: [{ type: 'Ready', status: 'False' }] }).ready).toBe(true);
  });
});
