/**
 * The GitRepo status fields this controller owns, computed from a sync's outcome: the
 * commit, observedGeneration, the conditions Accepted, GitPolling, Stalled and Ready with a
 * reason and a message naming the file and field at fault, `display`, and `bundleErrors`.
 * Pure; a condition keeps its lastTransitionTime while its status does not change.
 *
 * Fields aggregated from BundleDeployments (summary, readyClusters, resourceCounts,
 * display.readyBundleDeployments) are written by the status controller under its own field
 * manager, so neither overwrites the other.
 */
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { GitRepo, GitRepoStatus } from '../../api/git-repo.js';
import type { Condition } from '../../api/meta.js';
import type { FleetYamlFinding } from '../../bundle/index.js';
import type { GitRepoReason, Problem, SyncOutcome } from './sync-outcome.js';

export interface GitRepoStatusInput {
  gitRepo: GitRepo;
  outcome: SyncOutcome;
  /** RFC 3339 time of this status. */
  now: string;
}

/** The most findings or errors a message lists before saying how many more there are. */
const MAX_LISTED = 5;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return items.length > MAX_LISTED ? `${shown}; and ${items.length - MAX_LISTED} more` : shown;
}

function findingText(f: FleetYamlFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.field}: ${f.message}`;
}

/** Sets a condition, keeping its lastTransitionTime when its status is unchanged. */
export function setCondition(previous: readonly Condition[] | undefined, next: Condition, now: string): Condition {
  const old = previous?.find((c) => c.type === next.type);
  const transitioned = old === undefined || old.status !== next.status;
  return { ...next, lastTransitionTime: transitioned ? now : (old.lastTransitionTime ?? now), lastUpdateTime: now };
}

function stalledProblem(o: SyncOutcome): Problem | undefined {
  if (o.rejected) return o.rejected;
  if (o.gitError && !o.gitError.retry) return o.gitError;
  if (o.refused) return o.refused;
  if (o.bundleErrors.length > 0) {
    return { reason: 'BundleError', message: listed(o.bundleErrors.map((e) => `${e.path}: ${e.message ?? ''}`)) };
  }
  return undefined;
}

function readyProblem(o: SyncOutcome): Problem | undefined {
  const stalled = stalledProblem(o);
  if (stalled) return stalled;
  if (o.gitError) return o.gitError;
  if (o.findings.length > 0) return { reason: 'NotSupported', message: `not supported yet, skipped: ${listed(o.findings.map(findingText))}` };
  return undefined;
}

function conditionsOf(o: SyncOutcome, generation: number | undefined): Condition[] {
  const at = generation === undefined ? {} : { observedGeneration: generation };
  const cond = (type: string, ok: boolean, problem: Problem | undefined, okReason: GitRepoReason, okMessage = ''): Condition => ({
    type,
    status: ok ? 'True' : 'False',
    reason: problem?.reason ?? okReason,
    message: problem?.message ?? okMessage,
    ...at,
  });
  const stalled = stalledProblem(o);
  const ready = readyProblem(o);
  return [
    cond(CONDITION_TYPES.Accepted, !o.rejected, o.rejected, 'Accepted'),
    cond(CONDITION_TYPES.GitPolling, !o.gitError, o.gitError, 'Polled', o.polledCommit ? `at commit ${o.polledCommit}` : ''),
    { type: CONDITION_TYPES.Stalled, status: stalled ? 'True' : 'False', reason: stalled?.reason ?? 'Progressing', message: stalled?.message ?? '', ...at },
    cond(CONDITION_TYPES.Ready, !ready, ready, 'Synced', `${o.bundleCount} bundles, ${o.resourceCount} resources`),
  ];
}

function display(o: SyncOutcome, ready: Condition | undefined): GitRepoStatus['display'] {
  const counts = `${o.bundleCount} bundles, ${o.resourceCount} resources`;
  if (ready?.status === 'True') return { state: '', message: counts, error: false };
  const state = o.gitError?.retry && !stalledProblem(o) ? 'GitUpdating' : (ready?.reason ?? 'Error');
  return { state, message: ready?.message ?? '', error: true };
}

/** The status fields this controller writes, merged over what the GitRepo already shows. */
export function gitRepoStatus(input: GitRepoStatusInput): GitRepoStatus {
  const { gitRepo, outcome, now } = input;
  const previous = gitRepo.status ?? {};
  const conditions = conditionsOf(outcome, gitRepo.metadata.generation).map((c) => setCondition(previous.conditions, c, now));
  const commit = outcome.commit ?? previous.commit;
  return {
    ...(gitRepo.metadata.generation !== undefined ? { observedGeneration: gitRepo.metadata.generation } : {}),
    ...(commit ? { commit } : {}),
    ...(outcome.polledCommit ? { pollingCommit: outcome.polledCommit } : previous.pollingCommit ? { pollingCommit: previous.pollingCommit } : {}),
    ...(outcome.polledAt ? { lastPollingTriggered: outcome.polledAt } : previous.lastPollingTriggered ? { lastPollingTriggered: previous.lastPollingTriggered } : {}),
    conditions,
    display: display(outcome, conditions.find((c) => c.type === CONDITION_TYPES.Ready)),
    bundleErrors: outcome.bundleErrors,
  };
}
