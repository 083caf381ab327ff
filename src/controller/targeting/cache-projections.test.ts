import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { KubeObject } from '../../api/meta.js';
import { deploymentState } from '../status/deployment-state.js';
import { cacheProjections } from './cache-projections.js';
import { SharedValues } from './shared-values.js';

const managedFields = [{ manager: 'flotilla-controller-targeting', operation: 'Apply', fieldsV1: { 'f:spec': {} } }];

function deployment(cluster: string): BundleDeployment {
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'flotilla.io/v1alpha1',
      kind: 'BundleDeployment',
      metadata: {
        name: 'app',
        namespace: `cluster-fleet-default-${cluster}-0123456789ab`,
        uid: `uid-${cluster}`,
        resourceVersion: '42',
        generation: 2,
        creationTimestamp: '2026-11-22T10:00:00Z',
        annotations: { note: 'x' },
        labels: { 'flotilla.io/bundle-name': 'app', 'flotilla.io/cluster-name': cluster },
        managedFields,
      },
      spec: { stagedDeploymentID: 's-abc:01', stagedOptions: { defaultNamespace: 'app' }, deploymentID: 's-abc:01', options: { defaultNamespace: 'app' } },
      status: {
        appliedDeploymentID: 's-abc:01',
        ready: true,
        nonModified: true,
        conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', lastUpdateTime: '2026-11-22T10:00:01Z' }],
        display: { state: 'Ready', deployed: 'True', monitored: 'True' },
        resources: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name: 'app' }],
        resourceCounts: { ready: 1 },
        syncGeneration: 0,
      },
    }),
  ) as BundleDeployment;
}

describe('cache projections', () => {
  it.each([
    {
      name: 'a BundleDeployment keeps identity, version, labels, spec and the status readers read',
      project: () => cacheProjections(new SharedValues()).bundleDeployment(deployment('c-1')),
      want: {
        apiVersion: 'flotilla.io/v1alpha1',
        kind: 'BundleDeployment',
        metadata: { name: 'app', namespace: 'cluster-fleet-default-c-1-0123456789ab', resourceVersion: '42', generation: 2, labels: { 'flotilla.io/bundle-name': 'app', 'flotilla.io/cluster-name': 'c-1' } },
        spec: { stagedDeploymentID: 's-abc:01', stagedOptions: { defaultNamespace: 'app' }, deploymentID: 's-abc:01', options: { defaultNamespace: 'app' } },
        status: {
          appliedDeploymentID: 's-abc:01',
          ready: true,
          nonModified: true,
          conditions: [{ type: 'Ready', status: 'True', reason: 'Ready' }],
          display: { state: 'Ready' },
        },
      },
    },
    {
      name: 'a cluster namespace keeps only its identity and labels',
      project: () =>
        cacheProjections(new SharedValues()).clusterNamespace({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'cluster-x', uid: 'u', resourceVersion: '7', labels: { a: 'b' }, managedFields },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        } as KubeObject),
      want: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cluster-x', resourceVersion: '7', labels: { a: 'b' } } },
    },
    {
      name: 'a Cluster keeps its spec and status whole, without uid or managedFields',
      project: () =>
        cacheProjections(new SharedValues()).cluster({
          apiVersion: 'flotilla.io/v1alpha1',
          kind: 'Cluster',
          metadata: { name: 'c-1', namespace: 'fleet-default', uid: 'u', resourceVersion: '3', generation: 1, labels: { env: 'prod' }, managedFields },
          spec: { paused: true },
          status: { namespace: 'cluster-x', agent: { lastSeen: '2026-11-22T10:00:00Z' } },
        } as Cluster),
      want: {
        apiVersion: 'flotilla.io/v1alpha1',
        kind: 'Cluster',
        metadata: { name: 'c-1', namespace: 'fleet-default', resourceVersion: '3', generation: 1, labels: { env: 'prod' } },
        spec: { paused: true },
        status: { namespace: 'cluster-x', agent: { lastSeen: '2026-11-22T10:00:00Z' } },
      },
    },
  ])('$name', ({ project, want }) => {
    expect(project()).toEqual(want);
  });

  it('BundleDeployments of one bundle share their options objects, and the state reads the same from the projection', () => {
    const project = cacheProjections(new SharedValues()).bundleDeployment;
    const a = project(deployment('c-1'));
    const b = project(deployment('c-2'));
    expect(a.spec.options).toBe(b.spec.options);
    expect(a.spec.stagedOptions).toBe(a.spec.options);
    expect(deploymentState(a)).toBe(deploymentState(deployment('c-1')));
  });

  it('the per-object details readers summarise are shared between BundleDeployments holding equal ones', () => {
    const project = cacheProjections(new SharedValues()).bundleDeployment;
    const withDetails = (cluster: string) => {
      const bd = deployment(cluster);
      bd.status!.nonReadyStatus = [];
      bd.status!.modifiedStatus = [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name: 'app', patch: '{}' }] as never;
      return bd;
    };
    const a = project(withDetails('c-1'));
    const b = project(withDetails('c-2'));
    expect(b.status?.nonReadyStatus).toBe(a.status?.nonReadyStatus);
    expect(b.status?.modifiedStatus).toBe(a.status?.modifiedStatus);
    expect(b.status?.modifiedStatus).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name: 'app', patch: '{}' }]);
  });

  it('BundleDeployments whose conditions differ only in their times share one condition list', () => {
    const project = cacheProjections(new SharedValues()).bundleDeployment;
    const later = deployment('c-2');
    later.status!.conditions = [{ type: 'Ready', status: 'True', reason: 'Ready', lastUpdateTime: '2026-11-22T11:30:00Z', lastTransitionTime: '2026-11-22T11:00:00Z' }];
    const a = project(deployment('c-1'));
    const b = project(later);
    expect(b.status?.conditions).toBe(a.status?.conditions);
    expect(b.status?.display).toBe(a.status?.display);
    expect(Object.isFrozen(b.status?.conditions)).toBe(true);
  });

  it('the BundleDeployments of a bundle in one state share one frozen spec and one frozen status', () => {
    const project = cacheProjections(new SharedValues()).bundleDeployment;
    const a = project(deployment('c-1'));
    const b = project(deployment('c-2'));
    expect(b.spec).toBe(a.spec);
    expect(b.status).toBe(a.status);
    expect(Object.isFrozen(a.spec)).toBe(true);
    expect(Object.isFrozen(a.status)).toBe(true);
    // Identity stays per BundleDeployment: each names its own cluster.
    expect(b.metadata).not.toBe(a.metadata);
    expect(b.metadata.labels?.['flotilla.io/cluster-name']).toBe('c-2');
  });

  it('a BundleDeployment whose state differs keeps its own status', () => {
    const project = cacheProjections(new SharedValues()).bundleDeployment;
    const notReady = deployment('c-2');
    notReady.status!.ready = false;
    expect(project(notReady).status).not.toBe(project(deployment('c-1')).status);
    expect(project(notReady).status?.ready).toBe(false);
  });

  it('cached objects and their metadata are built by constructors, so every field is kept in the object itself, and read as plain data', () => {
    const projections = cacheProjections(new SharedValues());
    const bd = projections.bundleDeployment(deployment('c-1'));
    const ns = projections.clusterNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cluster-x', resourceVersion: '7', labels: { a: 'b' } } } as KubeObject);
    for (const value of [bd, bd.metadata, bd.metadata.labels, ns, ns.metadata]) expect(Object.getPrototypeOf(value)).not.toBe(Object.prototype);
    expect(Object.keys(bd)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(Object.keys(bd.metadata)).toEqual(['name', 'namespace', 'labels', 'resourceVersion', 'generation']);
    expect(JSON.parse(JSON.stringify(bd))).toEqual(bd);
    expect({ ...bd.metadata.labels }).toEqual({ 'flotilla.io/bundle-name': 'app', 'flotilla.io/cluster-name': 'c-1' });
  });
});
