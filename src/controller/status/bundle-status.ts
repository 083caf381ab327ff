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
import type { Condition } from '../../api/meta.js';
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

function conditionsOf(input: BundleStatusInput, at: { observedGeneration?: number }, ready: boolean): Condition[] {
  const { summary, problem, refusals, now } = input;
  const previous = input.bundle.status?.conditions;
  const readyReason = problem?.reason ?? (ready ? 'Ready' : summaryState(summary));
  return [
    condition(previous, { type: CONDITION_TYPES.Ready, ok: ready, reason: readyReason, message: problem?.message ?? summaryMessage(summary), ...at }, now),
    condition(previous, { type: CONDITION_TYPES.Stalled, ok: Boolean(problem), reason: problem?.reason ?? 'Progressing', message: problem?.message ?? '', ...at }, now),
    condition(previous, { type: TARGETED_CONDITION, ok: refusals.length === 0, reason: refusals[0]?.reason ?? 'Targeted', message: refusalMessage(refusals), ...at }, now),
  ];
}

function displayState(input: BundleStatusInput): string {
  if (input.problem) return input.problem.reason;
  const state = summaryState(input.summary);
  return state === 'Ready' ? '' : state;
}

export function bundleStatus(input: BundleStatusInput): BundleStatus {
  const { bundle, summary } = input;
  const generation = bundle.metadata.generation;
  const at = generation === undefined ? {} : { observedGeneration: generation };
  const ready = !input.problem && isSummaryReady(summary);
  return dropUndefined({
    ...at,
    conditions: conditionsOf(input, at, ready),
    summary,
    display: { readyClusters: `${summary.ready ?? 0}/${summary.desiredReady ?? 0}`, state: displayState(input) },
    ...rolloutFields(input.rollout, bundle.status ?? {}),
  });
}
