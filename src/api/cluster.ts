/**
 * Cluster: a member cluster of a workspace. Its labels are what targets select on; its
 * status says which namespace on the hub holds its BundleDeployments, how many bundles are
 * ready there, and when its agent last reported (Fleet's Cluster, same field names).
 */
import { type BundleSummary, bundleSummarySchema } from './bundle-summary.js';
import { conditions, labelName, labelNameSchema, objectName } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition } from './meta.js';
import { type ResourceCounts, resourceCountsSchema } from './resource-counts.js';
import { boolean, count, freeForm, integer, object, string, timestamp } from './schema-builders.js';

export interface ClusterSpec {
  paused?: boolean;
  /** Identity of the member (its kube-system namespace uid); a registration with it finds this Cluster. */
  clientID?: string;
  /** Secret holding a kubeconfig for the member, for manager-initiated registration. */
  kubeConfigSecret?: string;
  kubeConfigSecretNamespace?: string;
  /** Bump to redeploy the agent. */
  redeployAgentGeneration?: number;
  /** Namespace the agent runs in on the member (default flotilla-system). */
  agentNamespace?: string;
  /** Values for `${ .ClusterValues.x }` in bundle templates. */
  templateValues?: Record<string, unknown>;
}

export interface ClusterAgentStatus {
  /** The agent's last heartbeat. */
  lastSeen?: string;
  namespace?: string;
  version?: string;
}

export interface ClusterDisplay {
  /** `<ready>/<desired>` bundles. */
  readyBundles?: string;
  /** The worst bundle state, or WaitCheckIn before the agent first reports. */
  state?: string;
}

export interface ClusterStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** This cluster's namespace on the hub, holding its BundleDeployments. */
  namespace?: string;
  summary?: BundleSummary;
  resourceCounts?: ResourceCounts;
  readyGitRepos?: number;
  desiredReadyGitRepos?: number;
  display?: ClusterDisplay;
  agent?: ClusterAgentStatus;
}

export type Cluster = FlotillaObject<'Cluster', { spec: ClusterSpec; status?: ClusterStatus }>;

const clusterSpecSchema = object(
  {
    paused: boolean('Do not deploy new versions to this cluster.'),
    clientID: string('The member’s identity (its kube-system namespace uid).'),
    kubeConfigSecret: objectName('Secret with a kubeconfig for the member.'),
    kubeConfigSecretNamespace: labelName('Namespace of kubeConfigSecret (default: the Cluster’s).'),
    redeployAgentGeneration: integer('Bump to redeploy the agent.'),
    agentNamespace: labelName('Namespace the agent runs in on the member.'),
    templateValues: freeForm('Values for ${ .ClusterValues.x } in bundle templates.'),
  },
  'The member cluster.',
);

const clusterStatusSchema = object({
  observedGeneration: integer('The generation of the spec this status describes.', { minimum: 0 }),
  conditions: conditions('Processed, Ready.'),
  namespace: labelName('This cluster’s namespace on the hub.'),
  summary: bundleSummarySchema,
  resourceCounts: resourceCountsSchema,
  readyGitRepos: count('GitRepos ready on this cluster.'),
  desiredReadyGitRepos: count('GitRepos that should be ready on this cluster.'),
  display: object({ readyBundles: string('<ready>/<desired> bundles.'), state: string('The worst state; empty when ready.') }),
  agent: object({
    lastSeen: timestamp('The agent’s last heartbeat.'),
    namespace: string('Namespace the agent runs in.'),
    version: string('The agent’s version.'),
  }),
});

export const clusterCrd = defineCrd({
  kind: 'Cluster',
  plural: 'clusters',
  scope: 'Namespaced',
  description: 'A member cluster of a workspace.',
  name: labelNameSchema,
  properties: { spec: clusterSpecSchema, status: clusterStatusSchema },
  required: ['spec'],
  printerColumns: [
    { name: 'Bundles-Ready', type: 'string', jsonPath: '.status.display.readyBundles' },
    { name: 'Last-Seen', type: 'date', jsonPath: '.status.agent.lastSeen' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
    { name: 'Namespace', type: 'string', jsonPath: '.status.namespace', priority: 1 },
  ],
});
