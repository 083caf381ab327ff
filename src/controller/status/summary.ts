/**
 * Fleet's BundleSummary: BundleDeployments counted by state, with details of the first few
 * that are not ready. Details are capped twice (entries and per-entry object lists), so a
 * Bundle reaching 100,000 clusters keeps a status of a few kilobytes. Summaries add up, so
 * a GitRepo, a Cluster and a ClusterGroup summarise what they hold by summing.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { BUNDLE_STATES, STATE_RANK, worseState, type BundleState } from '../../api/bundle-state.js';
import { MAX_NON_READY_DETAILS, type BundleSummary, type NonReadyResource } from '../../api/bundle-summary.js';
import { deploymentMessage, deploymentState } from './deployment-state.js';

/** How many modified or non-ready objects one summary entry repeats from its BundleDeployment. */
export const MAX_OBJECTS_PER_DETAIL = 3;

/** One BundleDeployment that should exist, and what it is shown as: its cluster on a Bundle, its bundle on a Cluster. */
export interface DeploymentEntry {
  readonly name: string;
  readonly deployment: BundleDeployment | undefined;
}

type Counter = Exclude<keyof BundleSummary, 'nonReadyResources' | 'desiredReady'>;

const COUNTER: Readonly<Record<BundleState, Counter>> = Object.freeze({
  Ready: 'ready',
  NotReady: 'notReady',
  Pending: 'pending',
  OutOfSync: 'outOfSync',
  Modified: 'modified',
  WaitApplied: 'waitApplied',
  ErrApplied: 'errApplied',
});

/** A summary with every counter present and zero. */
export function emptySummary(): BundleSummary {
  return { notReady: 0, waitApplied: 0, errApplied: 0, outOfSync: 0, modified: 0, ready: 0, pending: 0, desiredReady: 0 };
}

function detail(entry: DeploymentEntry, state: BundleState): NonReadyResource {
  const bd = entry.deployment;
  const message = deploymentMessage(bd);
  const modified = bd?.status?.modifiedStatus?.slice(0, MAX_OBJECTS_PER_DETAIL) ?? [];
  const nonReady = bd?.status?.nonReadyStatus?.slice(0, MAX_OBJECTS_PER_DETAIL) ?? [];
  return {
    name: entry.name,
    bundleState: state,
    ...(message ? { message } : {}),
    ...(modified.length > 0 ? { modifiedStatus: modified } : {}),
    ...(nonReady.length > 0 ? { nonReadyStatus: nonReady } : {}),
  };
}

/** Worse states first, then by cluster, so the details shown are the most urgent ones. */
function byUrgency(a: NonReadyResource, b: NonReadyResource): number {
  const rank = STATE_RANK[b.bundleState ?? 'Ready'] - STATE_RANK[a.bundleState ?? 'Ready'];
  return rank !== 0 ? rank : (a.name ?? '').localeCompare(b.name ?? '');
}

export function summarizeDeployments(entries: Iterable<DeploymentEntry>): BundleSummary {
  const summary = emptySummary();
  const details: NonReadyResource[] = [];
  for (const entry of entries) {
    const state = deploymentState(entry.deployment);
    const counter = COUNTER[state];
    summary[counter] = (summary[counter] ?? 0) + 1;
    summary.desiredReady = (summary.desiredReady ?? 0) + 1;
    if (state !== 'Ready') details.push(detail(entry, state));
  }
  if (details.length > 0) summary.nonReadyResources = details.sort(byUrgency).slice(0, MAX_NON_READY_DETAILS);
  return summary;
}

/** The sum of summaries; details are merged and capped again. */
export function addSummaries(summaries: Iterable<BundleSummary | undefined>): BundleSummary {
  const total = emptySummary();
  const details: NonReadyResource[] = [];
  for (const s of summaries) {
    if (!s) continue;
    for (const state of BUNDLE_STATES) total[COUNTER[state]] = (total[COUNTER[state]] ?? 0) + (s[COUNTER[state]] ?? 0);
    total.desiredReady = (total.desiredReady ?? 0) + (s.desiredReady ?? 0);
    details.push(...(s.nonReadyResources ?? []));
  }
  if (details.length > 0) total.nonReadyResources = details.sort(byUrgency).slice(0, MAX_NON_READY_DETAILS);
  return total;
}

/** The worst state counted in the summary (Ready when nothing is counted). */
export function summaryState(summary: BundleSummary): BundleState {
  let worst: BundleState = 'Ready';
  for (const state of BUNDLE_STATES) if ((summary[COUNTER[state]] ?? 0) > 0) worst = worseState(worst, state);
  return worst;
}

/** True when every BundleDeployment counted is ready. */
export function isSummaryReady(summary: BundleSummary): boolean {
  return (summary.ready ?? 0) === (summary.desiredReady ?? 0);
}

/**
 * Fleet's Ready condition message: each non-ready state with its count and the clusters of
 * the details kept, worst first, e.g. `WaitApplied(1) [Cluster fleet-default/c4]`.
 */
export function summaryMessage(summary: BundleSummary): string {
  const parts: string[] = [];
  const states = [...BUNDLE_STATES].filter((s) => s !== 'Ready').sort((a, b) => STATE_RANK[b] - STATE_RANK[a]);
  for (const state of states) {
    const count = summary[COUNTER[state]] ?? 0;
    if (count === 0) continue;
    const clusters = (summary.nonReadyResources ?? []).filter((r) => r.bundleState === state).map((r) => `Cluster ${r.name ?? ''}`);
    parts.push(clusters.length > 0 ? `${state}(${count}) [${clusters.join(', ')}]` : `${state}(${count})`);
  }
  return parts.join('; ');
}
