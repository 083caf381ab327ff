import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/meta.js';
import { notReady } from './not-ready.js';

const object = (kind: string, status?: Record<string, unknown>): KubeObject => ({ apiVersion: 'flotilla.io/v1alpha1', kind, metadata: { name: 'x', namespace: 'fleet-default' }, ...(status ? { status } : {}) });

const cases = [
  { name: 'an object without status has not been processed', obj: object('GitRepo'), want: ['no status yet: the controller has not processed it (is `flotilla controller` running?)'] },
  { name: 'a ready object has nothing to report', obj: object('Bundle', { conditions: [{ type: 'Ready', status: 'True' }] }), want: [] },
  { name: 'a Ready=False condition gives its reason and message', obj: object('Bundle', { conditions: [{ type: 'Ready', status: 'False', reason: 'NotReady', message: '1 of 3 clusters not ready' }] }), want: ['NotReady: 1 of 3 clusters not ready'] },
  {
    name: 'a stalled object says the user must act, before its Ready condition',
    obj: object('GitRepo', { conditions: [{ type: 'Ready', status: 'False', reason: 'Stalled' }, { type: 'Stalled', status: 'True', reason: 'InvalidFleetYaml', message: 'fleet.yaml: unknown field "namespce"' }] }),
    want: ['stalled: InvalidFleetYaml: fleet.yaml: unknown field "namespce"'],
  },
  {
    name: 'each path of a GitRepo that failed to render is listed with its file',
    obj: object('GitRepo', { conditions: [{ type: 'Ready', status: 'True' }], bundleErrors: [{ path: 'apps', file: 'apps/fleet.yaml', message: 'bad yaml' }] }),
    want: ['path apps (apps/fleet.yaml): bad yaml'],
  },
  { name: 'a cluster whose agent never checked in says so', obj: object('Cluster', { display: { state: 'WaitCheckIn' } }), want: ['WaitCheckIn', 'no agent has checked in yet'] },
  { name: 'a cluster with a heartbeat and no conditions is fine', obj: object('Cluster', { agent: { lastSeen: '2026-01-01T00:00:00Z' } }), want: [] },
];

describe('notReady', () => {
  it.each(cases)('$name', ({ obj, want }) => {
    expect(notReady(obj).map((n) => n.reason)).toEqual(want);
  });
});
