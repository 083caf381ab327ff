/**
 * A Cluster's aggregated status from the BundleDeployments in its namespace: their summary,
 * `display.readyBundles` ("ready/desired"), `display.state` (the worst bundle state, or
 * WaitCheckIn while its agent has never reported, as in Fleet), the GitRepos ready on it,
 * and the conditions Ready and Processed. `status.namespace` is the cluster reconciler's.
 *
 * A Cluster whose agent stopped reporting (`AgentConnected=False`, written by the liveness
 * monitor) is not Ready, whatever its BundleDeployments last said: their status is only as
 * fresh as the agent that wrote it, so Ready carries the liveness reason and message until
 * the agent reports again.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { BundleSummary } from '../../api/bundle-summary.js';
import type { Cluster, ClusterStatus } from '../../api/cluster.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import { LABELS } from '../../api/names.js';
import type { Condition } from '../../api/meta.js';
import { AGENT_CONNECTED } from '../registration/agent-liveness.js';
import { condition } from './condition.js';
import { deploymentState } from './deployment-state.js';
import { isSummaryReady, summarizeDeployments, summaryMessage, summaryState } from './summary.js';

export const CLUSTER_STATUS_FIELDS = ['summary', 'display', 'readyGitRepos', 'desiredReadyGitRepos', 'conditions'] as const;

/** Display state of a cluster whose agent has not reported yet. */
export const WAIT_CHECK_IN = 'WaitCheckIn';

/** GitRepos with a bundle on the cluster, and those whose bundles there are all ready. */
function gitRepoCounts(deployments: readonly BundleDeployment[]): { ready: number; desired: number } {
  const repos = new Map<string, boolean>();
  for (const bd of deployments) {
    const repo = bd.metadata.labels?.[LABELS.repoName];
    if (!repo) continue;
    const key = `${bd.metadata.labels?.[LABELS.bundleNamespace] ?? ''}/${repo}`;
    repos.set(key, (repos.get(key) ?? true) && deploymentState(bd) === 'Ready');
  }
  return { ready: [...repos.values()].filter(Boolean).length, desired: repos.size };
}

/** On a Cluster, a summary entry names the bundle: `<workspace>/<bundle>`. */
function bundleOf(bd: BundleDeployment): string {
  const labels = bd.metadata.labels ?? {};
  return `${labels[LABELS.bundleNamespace] ?? ''}/${labels[LABELS.bundleName] ?? bd.metadata.name ?? ''}`;
}

/** The liveness monitor's verdict when it says the agent is lost; undefined while it reports (or was never judged). */
function agentLost(cluster: Cluster): Condition | undefined {
  const connected = cluster.status?.conditions?.find((c) => c.type === AGENT_CONNECTED);
  return connected?.status === 'False' ? connected : undefined;
}

/** Why the cluster is (not) Ready: waiting for check-in, the agent lost, or its bundles' state. */
function readyReason(input: { checkedIn: boolean; lost: Condition | undefined; ready: boolean; state: string; summary: BundleSummary }): { reason: string; message: string } {
  if (!input.checkedIn) return { reason: WAIT_CHECK_IN, message: 'the agent has not reported yet' };
  if (input.lost) return { reason: input.lost.reason ?? AGENT_CONNECTED, message: input.lost.message ?? 'the agent stopped reporting' };
  return { reason: input.ready ? 'Ready' : input.state, message: summaryMessage(input.summary) };
}

export function clusterSummary(cluster: Cluster, deployments: readonly BundleDeployment[], now: string): ClusterStatus {
  const summary = summarizeDeployments(deployments.map((bd) => ({ name: bundleOf(bd), deployment: bd })));
  const checkedIn = Boolean(cluster.status?.agent?.lastSeen);
  const lost = agentLost(cluster);
  const state = summaryState(summary);
  const ready = checkedIn && !lost && isSummaryReady(summary);
  const generation = cluster.metadata.generation;
  const at = generation === undefined ? {} : { observedGeneration: generation };
  const repos = gitRepoCounts(deployments);
  const previous = cluster.status?.conditions;
  const { reason, message } = readyReason({ checkedIn, lost, ready, state, summary });
  return {
    summary,
    display: { readyBundles: `${summary.ready ?? 0}/${summary.desiredReady ?? 0}`, state: !checkedIn ? WAIT_CHECK_IN : state === 'Ready' ? '' : state },
    readyGitRepos: repos.ready,
    desiredReadyGitRepos: repos.desired,
    conditions: [
      condition(previous, { type: CONDITION_TYPES.Ready, ok: ready, reason, message, ...at }, now),
      condition(previous, { type: CONDITION_TYPES.Processed, ok: true, reason: 'Processed', ...at }, now),
    ],
  };
}

/** Whether a Cluster counts as ready for its groups: its Ready condition, as last written. */
export function isClusterReady(cluster: Cluster): boolean {
  return cluster.status?.conditions?.find((c) => c.type === CONDITION_TYPES.Ready)?.status === 'True';
}

/**
 * Whether a Cluster update is only a heartbeat: the agent's `lastSeen` moved on and nothing
 * a Cluster or ClusterGroup summary reads changed. With thousands of agents reporting every
 * few seconds, recomputing summaries for each would be most of the status controller's work.
 */
export function isHeartbeatOnly(before: Cluster, after: Cluster): boolean {
  if (!before.status?.agent?.lastSeen || !after.status?.agent?.lastSeen) return false;
  return withoutHeartbeat(before) === withoutHeartbeat(after);
}

function withoutHeartbeat(cluster: Cluster): string {
  const { resourceVersion: _version, managedFields: _fields, ...metadata } = cluster.metadata;
  return JSON.stringify({ ...cluster, metadata, status: { ...cluster.status, agent: { ...cluster.status?.agent, lastSeen: undefined } } });
}
