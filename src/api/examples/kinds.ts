/**
 * One fully populated example object per kind: every field the kind's type declares is set to
 * a valid value. Tests validate them against the CRD schemas (schema and types agree both
 * ways), and other folders may use them as realistic fixtures.
 */
import type { BundleDeployment } from '../bundle-deployment.js';
import type { BundleNamespaceMapping } from '../bundle-namespace-mapping.js';
import type { Bundle } from '../bundle.js';
import type { ClusterGroup } from '../cluster-group.js';
import type { ClusterRegistrationToken } from '../cluster-registration-token.js';
import type { ClusterRegistration } from '../cluster-registration.js';
import type { Cluster } from '../cluster.js';
import type { Content } from '../content.js';
import type { GitRepoRestriction } from '../git-repo-restriction.js';
import type { GitRepo } from '../git-repo.js';
import { API_VERSION } from '../group.js';
import type { ManagedNamespace } from '../managed-namespace.js';
import type { FullyPopulated } from './fully-populated.js';
import { TIME, condition, matcher, options, resourceCounts, selector, summary, modifiedStatus, nonReadyStatus } from './shared.js';

const SHA = 'a'.repeat(64);
const CONTENT_NAME = `s-${'b'.repeat(61)}`;
const DEPLOYMENT_ID = `${CONTENT_NAME}:${'c'.repeat(64)}`;

export const gitRepoExample: FullyPopulated<GitRepo> = {
  apiVersion: API_VERSION,
  kind: 'GitRepo',
  metadata: { name: 'web', namespace: 'fleet-default' },
  spec: {
    repo: 'https://git.example.com/platform/web.git',
    branch: 'main',
    revision: 'v1.0.0',
    paths: ['apps/web', 'charts/*'],
    bundles: [{ base: 'apps/web', options: 'prod.yaml' }],
    targets: [{ name: 'prod', ...matcher }],
    targetNamespace: 'web',
    serviceAccount: 'deployer',
    clientSecretName: 'git-credentials',
    helmSecretName: 'helm-credentials',
    helmSecretNameForPaths: 'helm-paths',
    helmRepoURLRegex: '^https://charts\\.example\\.com/',
    caBundle: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
    insecureSkipTLSVerify: false,
    pollingInterval: '30s',
    disablePolling: false,
    webhookSecret: 'webhook-secret',
    paused: false,
    forceSyncGeneration: 2,
    keepResources: false,
    deleteNamespace: false,
    correctDrift: { enabled: true, force: false, keepFailHistory: false },
  },
  status: {
    observedGeneration: 3,
    commit: '0123456789abcdef0123456789abcdef01234567',
    pollingCommit: '0123456789abcdef0123456789abcdef01234567',
    webhookCommit: '0123456789abcdef0123456789abcdef01234567',
    lastPollingTriggered: TIME,
    lastWebhookTime: TIME,
    readyClusters: 4,
    desiredReadyClusters: 5,
    summary,
    display: { readyBundleDeployments: '4/5', state: 'Modified', message: '', error: false },
    conditions: [condition('Ready'), condition('Accepted'), condition('GitPolling')],
    resourceCounts,
    bundleErrors: [{ path: 'apps/broken', bundleName: 'web-apps-broken', file: 'apps/broken/fleet.yaml', message: 'line 3: unknown key' }],
  },
};

export const bundleExample: FullyPopulated<Bundle> = {
  apiVersion: API_VERSION,
  kind: 'Bundle',
  metadata: { name: 'web-apps-web', namespace: 'fleet-default' },
  spec: {
    ...options,
    paused: false,
    rolloutStrategy: {
      maxUnavailable: '10%',
      maxUnavailablePartitions: 0,
      autoPartitionSize: '25%',
      autoPartitionThreshold: 200,
      maxNew: 50,
      partitions: [{ name: 'canary', maxUnavailable: 1, ...matcher }],
    },
    resources: [{ name: 'deployment.yaml', content: 'H4sIAAAAAAAA/wEAAP//AAAAAAAAAAA=', encoding: 'base64+gz' }],
    targets: [{ name: 'prod', doNotDeploy: false, ...matcher, ...options }],
    targetRestrictions: [{ name: 'prod', ...matcher }],
    targetCustomizationMode: 'FirstMatch',
    dependsOn: [{ name: 'web-infra', selector, acceptedStates: ['Ready', 'Modified'] }],
  },
  status: {
    observedGeneration: 3,
    conditions: [condition('Ready')],
    summary,
    newlyCreated: 0,
    unavailable: 1,
    unavailablePartitions: 0,
    maxUnavailable: 1,
    maxUnavailablePartitions: 0,
    partitions: [{ name: 'canary', count: 5, maxUnavailable: 1, unavailable: 1, summary }],
    display: { readyClusters: '4/5', state: 'Modified' },
    resourcesSha256Sum: SHA,
  },
};

export const bundleDeploymentExample: FullyPopulated<BundleDeployment> = {
  apiVersion: API_VERSION,
  kind: 'BundleDeployment',
  metadata: { name: 'web-apps-web', namespace: 'cluster-fleet-default-prod-1-0123456789ab' },
  spec: {
    paused: false,
    stagedDeploymentID: DEPLOYMENT_ID,
    stagedOptions: options,
    deploymentID: DEPLOYMENT_ID,
    options,
    dependsOn: [{ name: 'web-infra', selector, acceptedStates: ['Ready'] }],
    correctDrift: { enabled: true, force: false, keepFailHistory: false },
  },
  status: {
    conditions: [condition('Installed'), condition('Deployed'), condition('Monitored'), condition('Ready')],
    appliedDeploymentID: DEPLOYMENT_ID,
    ready: true,
    nonModified: false,
    nonReadyStatus: [nonReadyStatus],
    modifiedStatus: [modifiedStatus],
    incompleteState: false,
    display: { deployed: 'True', monitored: 'True', state: 'Modified' },
    syncGeneration: 1,
    resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'frontend', createdAt: TIME }],
    resourceCounts,
  },
};

export const contentExample: FullyPopulated<Content> = {
  apiVersion: API_VERSION,
  kind: 'Content',
  metadata: { name: CONTENT_NAME },
  content: 'H4sIAAAAAAAA/6tWKkotLs0pUbKqVkrOzytJzSsBAI3CiR8SAAAA',
  sha256sum: SHA,
  status: { referenceCount: 3 },
};

export const clusterExample: FullyPopulated<Cluster> = {
  apiVersion: API_VERSION,
  kind: 'Cluster',
  metadata: { name: 'prod-1', namespace: 'fleet-default', labels: { env: 'prod' } },
  spec: {
    paused: false,
    clientID: '5f0e6c1a-0000-4000-8000-000000000002',
    kubeConfigSecret: 'prod-1-kubeconfig',
    kubeConfigSecretNamespace: 'fleet-default',
    redeployAgentGeneration: 1,
    agentNamespace: 'flotilla-system',
    templateValues: { region: 'eu-west' },
  },
  status: {
    observedGeneration: 1,
    conditions: [condition('Processed'), condition('Ready')],
    namespace: 'cluster-fleet-default-prod-1-0123456789ab',
    summary,
    resourceCounts,
    readyGitRepos: 1,
    desiredReadyGitRepos: 1,
    display: { readyBundles: '4/5', state: 'Modified' },
    agent: { lastSeen: TIME, namespace: 'flotilla-system', version: '0.1.0' },
  },
};

export const clusterGroupExample: FullyPopulated<ClusterGroup> = {
  apiVersion: API_VERSION,
  kind: 'ClusterGroup',
  metadata: { name: 'prod', namespace: 'fleet-default' },
  spec: { selector },
  status: {
    observedGeneration: 1,
    clusterCount: 5,
    nonReadyClusterCount: 1,
    nonReadyClusters: ['prod-3'],
    conditions: [condition('Processed'), condition('Ready')],
    summary,
    display: { readyClusters: '4/5', readyBundles: '19/20', state: 'Modified' },
    resourceCounts,
  },
};

export const clusterRegistrationTokenExample: FullyPopulated<ClusterRegistrationToken> = {
  apiVersion: API_VERSION,
  kind: 'ClusterRegistrationToken',
  metadata: { name: 'join-prod', namespace: 'fleet-default' },
  spec: { ttl: '1h' },
  status: { expires: TIME, secretName: 'join-prod-token' },
};

export const clusterRegistrationExample: FullyPopulated<ClusterRegistration> = {
  apiVersion: API_VERSION,
  kind: 'ClusterRegistration',
  metadata: { name: 'request-x7k2p', namespace: 'fleet-default' },
  spec: {
    clientID: '5f0e6c1a-0000-4000-8000-000000000002',
    clientRandom: 'x7k2p9q4',
    clusterLabels: { env: 'prod' },
    clusterName: 'prod-1',
  },
  status: { clusterName: 'prod-1', granted: true, secretName: 'c-0123456789abcdef', conditions: [condition('Granted')] },
};

export const bundleNamespaceMappingExample: FullyPopulated<BundleNamespaceMapping> = {
  apiVersion: API_VERSION,
  kind: 'BundleNamespaceMapping',
  metadata: { name: 'central-to-default', namespace: 'central' },
  bundleSelector: selector,
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': 'fleet-default' },
    matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['sandbox'] }],
  },
};

export const gitRepoRestrictionExample: FullyPopulated<GitRepoRestriction> = {
  apiVersion: API_VERSION,
  kind: 'GitRepoRestriction',
  metadata: { name: 'team-a', namespace: 'team-a-workspace' },
  defaultServiceAccount: 'deployer',
  allowedServiceAccounts: ['deployer'],
  allowedRepoPatterns: ['^https://git\\.example\\.com/team-a/'],
  defaultClientSecretName: 'git-credentials',
  allowedClientSecretNames: ['git-credentials'],
  allowedTargetNamespaces: ['team-a'],
  allowedTargetNamespaceSelector: selector,
  allowClusterAdminRoleAssignments: false,
};

export const managedNamespaceExample: FullyPopulated<ManagedNamespace> = {
  apiVersion: API_VERSION,
  kind: 'ManagedNamespace',
  metadata: { name: 'team-a', namespace: 'fleet-default' },
  spec: {
    labels: { team: 'a' },
    annotations: { owner: 'team-a@example.com' },
    resourceQuota: { cpuRequests: '500m', cpuLimits: '2', memoryRequests: '512Mi', memoryLimits: '1Gi' },
    networkPolicy: { ingress: 'AllowSameNamespace', egress: 'DenyAll' },
    adoptionPolicy: 'Never',
    deletePolicy: 'Delete',
    roleAssignments: [
      { role: 'Reader', kind: 'User', name: 'alice@example.com' },
      { role: 'Admin', kind: 'Group', name: 'team-a-admins' },
    ],
    memberClusterNames: ['prod-1', 'prod-2'],
    clusterSelector: selector,
    clusterGroup: 'prod',
  },
  status: {
    observedGeneration: 2,
    conditions: [condition('Accepted'), condition('Placed'), condition('Ready')],
    bundleName: 'mns-team-a',
    members: [
      { clusterName: 'prod-1', state: 'Placed', message: 'created', lastTransitionTime: TIME, differences: [] },
      {
        clusterName: 'prod-2',
        state: 'Failed',
        message: 'namespace exists and differs; adoptionPolicy Never',
        lastTransitionTime: TIME,
        differences: ['metadata.labels.team'],
      },
    ],
    display: { readyMembers: '1/2', state: 'Failed' },
  },
};
