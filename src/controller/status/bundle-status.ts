/**
 * A Bundle's status as the targeting controller writes it after each pass: the summary of
 * its BundleDeployments, `display`, the rollout figures (unavailable, partitions, ...) and
 * the conditions Ready, Stalled and Targeted. Stalled says why nothing was changed (an
 * invalid selector, a missing GitRepo, a render error); Targeted lists clusters a target
 * matched but that were refused (a same-named bundle of another workspace, a restriction).
 */
import type { BundleStatus } from '../../api/bundle.js';
import type { BundleSummary } from '../../api/bundle-summary.js';
import type { Bundle } from '../../api/bundle.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { NotTargetedDecision, RolloutStatus } from '../../targeting/index.js';
import { condition } from './condition.js';
import { isSummaryReady, summaryMessage, summaryState } from './summary.js';

/** Condition type on a Bundle: every cluster a target matched was accepted (False names refusals). */
export const TARGETED_CONDITION = 'Targeted';

/** The Bundle status fields the targeting controller owns. */
export const BUNDLE_STATUS_FIELDS = [
  'observedGeneration',
  'conditions',
  'summary',
  'display',
  'newlyCreated',
  'unavailable',
  'unavailablePartitions',
  'maxUnavailable',
  'maxUnavailablePartitions',
  'partitions',
] as const;

/** How many refusals the Targeted condition spells out. */
const MAX_REFUSALS_LISTED = 5;

export interface BundleProblem {
  readonly reason: string;
  readonly message: string;
}

export interface BundleStatusInput {
  readonly bundle: Bundle;
  readonly summary: BundleSummary;
  readonly rollout?: RolloutStatus;
  /** Set when the pass changed nothing because of bad input. */
  readonly problem?: BundleProblem;
  /** Clusters a target matched but that were refused. */
  readonly refusals: readonly NotTargetedDecision[];
  /** RFC 3339 time of this status. */
  readonly now: string;
}

function refusalMessage(refusals: readonly NotTargetedDecision[]): string {
  const listed = refusals.slice(0, MAX_REFUSALS_LISTED).map((r) => r.message);
  const more = refusals.length > MAX_REFUSALS_LISTED ? `; and ${refusals.length - MAX_REFUSALS_LISTED} more` : '';
  return `${listed.join('; ')}${more}`;
}

function rolloutFields(rollout: RolloutStatus | undefined, previous: BundleStatus): Partial<BundleStatus> {
  if (!rollout) {
    const { newlyCreated, unavailable, unavailablePartitions, maxUnavailable, maxUnavailablePartitions, partitions } = previous;
    return { newlyCreated, unavailable, unavailablePartitions, maxUnavailable, maxUnavailablePartitions, partitions };
  }
  return {
    newlyCreated: rollout.newlyCreated,
    unavailable: rollout.unavailable,
    unavailablePartitions: rollout.unavailablePartitions,
    maxUnavailable: rollout.maxUnavailable,
    maxUnavailablePartitions: rollout.maxUnavailablePartitions,
    partitions: rollout.partitions.map((p) => ({ name: p.name, count: p.count, maxUnavailable: p.maxUnavailable, unavailable: p.unavailable })),
  };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function bundleStatus(input: BundleStatusInput): BundleStatus {
  const { bundle, summary, problem, refusals, now } = input;
  const previous = bundle.status ?? {};
  const generation = bundle.metadata.generation;
  const at = generation === undefined ? {} : { observedGeneration: generation };
  const ready = !problem && isSummaryReady(summary);
  const state = summaryState(summary);
  const conditions = [
    condition(previous.conditions, { type: CONDITION_TYPES.Ready, ok: ready, reason: problem?.reason ?? (ready ? 'Ready' : state), message: problem?.message ?? summaryMessage(summary), ...at }, now),
    condition(previous.conditions, { type: CONDITION_TYPES.Stalled, ok: Boolean(problem), reason: problem?.reason ?? 'Progressing', message: problem?.message ?? '', ...at }, now),
    condition(
      previous.conditions,
      { type: TARGETED_CONDITION, ok: refusals.length === 0, reason: refusals[0]?.reason ?? 'Targeted', message: refusalMessage(refusals), ...at },
      now,
    ),
  ];
  return dropUndefined({
    ...at,
    conditions,
    summary,
    display: { readyClusters: `${summary.ready ?? 0}/${summary.desiredReady ?? 0}`, state: problem ? problem.reason : state === 'Ready' ? '' : state },
    ...rolloutFields(input.rollout, previous),
  });
}
