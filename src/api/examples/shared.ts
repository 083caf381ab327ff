/**
 * Fully populated pieces several example objects share (selectors, conditions, summaries,
 * options), each typed so a missing or unknown field fails to compile.
 */
import type { BundleDeploymentOptions } from '../bundle-options.js';
import type { BundleSummary, ModifiedStatus, NonReadyStatus } from '../bundle-summary.js';
import type { ClusterMatcher } from '../cluster-matcher.js';
import type { Condition, LabelSelector } from '../meta.js';
import type { ResourceCounts } from '../resource-counts.js';
import type { DeepRequired } from './fully-populated.js';

export const TIME = '2026-01-02T03:04:05Z';

export const selector: DeepRequired<LabelSelector> = {
  matchLabels: { env: 'prod' },
  matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west', 'eu-north'] }],
};

export function condition(type: string): DeepRequired<Condition> {
  return {
    type,
    status: 'True',
    reason: 'Succeeded',
    message: 'all good',
    lastTransitionTime: TIME,
    lastUpdateTime: TIME,
    observedGeneration: 3,
  };
}

export const matcher: DeepRequired<ClusterMatcher> = {
  clusterName: 'prod-1',
  clusterSelector: selector,
  clusterGroup: 'prod',
  clusterGroupSelector: selector,
};

export const resourceCounts: DeepRequired<ResourceCounts> = {
  ready: 4,
  desiredReady: 5,
  waitApplied: 0,
  modified: 1,
  orphaned: 0,
  missing: 0,
  unknown: 0,
  notReady: 0,
};

export const modifiedStatus: DeepRequired<ModifiedStatus> = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'web',
  name: 'settings',
  missing: false,
  delete: false,
  patch: '{"data":{"mode":"fast"}}',
  fields: ['data.mode'],
};

export const nonReadyStatus: DeepRequired<NonReadyStatus> = {
  uid: '3f1c2a9e-0000-4000-8000-000000000001',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'web',
  name: 'frontend',
  summary: { state: 'in-progress', error: false, transitioning: true, message: ['1 of 2 replicas ready'] },
};

export const summary: DeepRequired<BundleSummary> = {
  notReady: 0,
  waitApplied: 0,
  errApplied: 0,
  outOfSync: 0,
  modified: 1,
  ready: 4,
  pending: 0,
  desiredReady: 5,
  nonReadyResources: [
    {
      name: 'cluster-fleet-default-prod-1-0123456789ab/prod-1',
      bundleState: 'Modified',
      message: 'Modified(1) [ConfigMap web/settings]',
      modifiedStatus: [modifiedStatus],
      nonReadyStatus: [nonReadyStatus],
    },
  ],
};

export const options: DeepRequired<BundleDeploymentOptions> = {
  defaultNamespace: 'web',
  namespace: 'web',
  namespaceLabels: { team: 'web' },
  namespaceAnnotations: { owner: 'web-team' },
  serviceAccount: 'deployer',
  kustomize: { dir: 'overlays/prod' },
  helm: {
    chart: 'charts/web',
    repo: 'https://charts.example.com',
    releaseName: 'web',
    version: '1.2.3',
    timeoutSeconds: 300,
    values: { replicas: 2, image: { tag: 'v1' } },
    templateValues: { cluster: '${ .ClusterName }' },
    valuesFiles: ['values-prod.yaml'],
    valuesFrom: [
      {
        configMapKeyRef: { name: 'web-values', namespace: 'web', key: 'values.yaml' },
        secretKeyRef: { name: 'web-secrets', namespace: 'web', key: 'values.yaml' },
      },
    ],
    force: false,
    takeOwnership: false,
    maxHistory: 2,
    atomic: true,
    waitForJobs: true,
    disablePreProcess: false,
    disableDNS: false,
    skipSchemaValidation: false,
    disableDependencyUpdate: false,
  },
  yaml: { overlays: ['prod'] },
  diff: {
    comparePatches: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'frontend',
        operations: [{ op: 'remove', path: '/spec/replicas', value: '' }],
        jsonPointers: ['/spec/replicas'],
      },
    ],
  },
  ignore: { conditions: [{ type: 'Active', status: 'False' }] },
  correctDrift: { enabled: true, force: false, keepFailHistory: false },
  keepResources: false,
  deleteNamespace: false,
  deleteCRDResources: false,
  forceSyncGeneration: 1,
  allowedTargetNamespaceSelector: selector,
  managedNamespaces: [
    {
      name: 'team-a',
      labels: { team: 'a' },
      annotations: { owner: 'team-a@example.com' },
      resourceQuota: { cpuRequests: '500m', cpuLimits: 2, memoryRequests: '512Mi', memoryLimits: '1Gi' },
      networkPolicy: { ingress: 'AllowSameNamespace', egress: 'AllowAll' },
      adoptionPolicy: 'IfIdentical',
      deletePolicy: 'Keep',
      roleAssignments: [{ role: 'Writer', kind: 'Group', name: 'team-a-devs' }],
    },
  ],
};
