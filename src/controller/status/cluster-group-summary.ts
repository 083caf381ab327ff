/**
 * A ClusterGroup's status from the Clusters its selector selects: clusterCount, the
 * non-ready clusters (count and the first few names), the sum of their summaries, display
 * ("ready/total" clusters, "ready/desired" bundles, worst state) and the conditions Ready and
 * Processed. An invalid selector selects nothing and says so in Processed.
 */
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup, ClusterGroupStatus } from '../../api/cluster-group.js';
import { MAX_NON_READY_DETAILS } from '../../api/bundle-summary.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import { condition } from './condition.js';
import { isClusterReady } from './cluster-summary.js';
import { addSummaries, summaryState } from './summary.js';

export const CLUSTER_GROUP_STATUS_FIELDS = ['clusterCount', 'nonReadyClusterCount', 'nonReadyClusters', 'summary', 'display', 'conditions'] as const;

export interface ClusterGroupSummaryInput {
  readonly group: ClusterGroup;
  /** The Clusters the group's selector selects; undefined when the selector is invalid. */
  readonly members: readonly Cluster[] | undefined;
  readonly selectorError?: string;
  readonly now: string;
}

export function clusterGroupSummary(input: ClusterGroupSummaryInput): ClusterGroupStatus {
  const { group, now } = input;
  const members = input.members ?? [];
  const nonReady = members.filter((c) => !isClusterReady(c)).map((c) => c.metadata.name ?? '').sort();
  const summary = addSummaries(members.map((c) => c.status?.summary));
  const state = summaryState(summary);
  const generation = group.metadata.generation;
  const at = generation === undefined ? {} : { observedGeneration: generation };
  const previous = group.status?.conditions;
  const ready = nonReady.length === 0 && !input.selectorError;
  const shown = nonReady.slice(0, MAX_NON_READY_DETAILS);
  return {
    clusterCount: members.length,
    nonReadyClusterCount: nonReady.length,
    // Always present, empty when every cluster is ready.
    nonReadyClusters: shown,
    summary,
    display: {
      readyClusters: `${members.length - nonReady.length}/${members.length}`,
      readyBundles: `${summary.ready ?? 0}/${summary.desiredReady ?? 0}`,
      state: state === 'Ready' ? (nonReady.length > 0 ? 'NotReady' : '') : state,
    },
    conditions: [
      condition(previous, { type: CONDITION_TYPES.Ready, ok: ready, reason: ready ? 'Ready' : 'NotReady', message: shown.length > 0 ? `clusters not ready: ${shown.join(', ')}${nonReady.length > shown.length ? ', …' : ''}` : '', ...at }, now),
      condition(
        previous,
        { type: CONDITION_TYPES.Processed, ok: !input.selectorError, reason: input.selectorError ? 'InvalidSelector' : 'Processed', message: input.selectorError ?? '', ...at },
        now,
      ),
    ],
  };
}
