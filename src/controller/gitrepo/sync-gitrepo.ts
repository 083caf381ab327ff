/**
 * One reconcile of a GitRepo, as an ordered list of steps that each fill in part of the
 * outcome, with the status written once at the end (Flux's source-controller shape):
 *
 *   poll registration → credentials and git (read-checkout) → fetch Helm charts → plan
 *   (pure) → write Bundles and Contents → Accepted on Bundles whose path failed → status.
 *
 * Level-based: it reads the GitRepo and its Bundles from the informers' caches and works
 * out everything again from them, so a restart at any moment is safe. Bad input never
 * deletes: when git fails or the checkout is refused, the sync stops before planning, and
 * Bundles stay as they are.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { GitRepo } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import { BundleError, type HelmRunner, type HttpFetcher, type KustomizeRunner } from '../../bundle/index.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { splitKey, type ReadonlyObjectCache } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { FIELD_MANAGER } from '../field-manager.js';
import { gitRepoStatus } from './gitrepo-status.js';
import { writeBundleSourceStatus } from './bundle-source-status.js';
import { fetchCharts } from './fetch-charts.js';
import { readHelmScope } from './helm-credentials.js';
import { discoverGitRepoBundles, planBundles } from './plan-bundles.js';
import { readCheckout, type CheckoutLimits } from './read-checkout.js';
import { emptyOutcome, type SyncOutcome } from './sync-outcome.js';
import { writeBundles } from './write-bundles.js';

/** How soon a sync that could not fetch a chart runs again. */
export const CHART_RETRY_AFTER = Duration.seconds(10);

/** The Bundle cache index holding each GitRepo's Bundles under `<namespace>/<repo-name>`. */
export const BUNDLES_BY_REPO = 'repo';

export interface GitRepoSyncDeps {
  client: ObjectClient;
  gitRepos: ReadonlyObjectCache<GitRepo>;
  bundles: ReadonlyObjectCache<Bundle>;
  cacheDir: string;
  clock: Clock;
  limits?: CheckoutLimits;
  kustomizeRunner?: KustomizeRunner;
  helmRunner?: HelmRunner;
  /** Fetches Helm charts; default Node's http(s). */
  chartFetcher?: HttpFetcher;
}

export interface SyncRequest {
  key: string;
  logger: Logger;
  signal: AbortSignal;
}

/** What the sync did, so the controller can keep its poller in step. */
export interface SyncReport {
  gitRepo?: GitRepo;
  outcome?: SyncOutcome;
  result: ReconcileResult;
}

/**
 * Writes the status with a merge patch: lists this controller owns (bundleErrors) are
 * replaced whole, so an error that is gone disappears; conditions other controllers set
 * (any type this one does not compute) are carried over from the cache as they are.
 */
async function writeStatus(deps: GitRepoSyncDeps, gitRepo: GitRepo, outcome: SyncOutcome, signal: AbortSignal): Promise<void> {
  const status = gitRepoStatus({ gitRepo, outcome, now: new Date(deps.clock.now()).toISOString() });
  const mine = new Set((status.conditions ?? []).map((c) => c.type));
  const others = (gitRepo.status?.conditions ?? []).filter((c) => !mine.has(c.type));
  const patch = { status: { ...status, conditions: [...others, ...(status.conditions ?? [])] } };
  const ref = { apiVersion: API_VERSION, kind: 'GitRepo', name: gitRepo.metadata.name ?? '', namespace: gitRepo.metadata.namespace };
  await deps.client.patch(ref, patch, { type: 'merge', subresource: 'status', fieldManager: FIELD_MANAGER, signal });
}

/**
 * The GitRepo to read git for: a paused one stays on the commit it deployed (Fleet: changes
 * are not propagated), so its Bundles are still written, marked paused, from that commit;
 * before any commit was deployed there is nothing to read.
 */
function checkoutSource(gitRepo: GitRepo): GitRepo | undefined {
  if (!gitRepo.spec.paused) return gitRepo;
  const commit = gitRepo.status?.commit;
  return commit ? { ...gitRepo, spec: { ...gitRepo.spec, revision: commit } } : undefined;
}

function insideAny(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => root === '.' || path === root || path.startsWith(`${root}/`));
}

/** True when a chart could not be fetched: a repository that is down may come back without a new commit. */
function chartFetchFailed(charts: ReadonlyMap<string, unknown>): boolean {
  return [...charts.values()].some((c) => c instanceof BundleError && c.reason === 'ChartFetchFailed');
}

/** Returns whether to retry (with the queue's backoff) although git did not change. */
async function syncBundles(deps: GitRepoSyncDeps, gitRepo: GitRepo, outcome: SyncOutcome, signal: AbortSignal): Promise<boolean> {
  const source = checkoutSource(gitRepo);
  if (source === undefined) return false;
  const checkout = await readCheckout({ client: deps.client, gitRepo: source, cacheDir: deps.cacheDir, ...(deps.limits ? { limits: deps.limits } : {}), signal });
  const polledAt = new Date(deps.clock.now()).toISOString();
  switch (checkout.kind) {
    case 'rejected':
      outcome.rejected = checkout.problem;
      return false;
    case 'gitError':
      outcome.gitError = checkout.problem;
      return false;
    case 'refused':
      Object.assign(outcome, { refused: checkout.problem, polledCommit: checkout.commit, polledAt });
      return false;
  }
  const helmScope = await readHelmScope(deps.client, gitRepo, signal);
  if ('reason' in helmScope) {
    outcome.rejected = helmScope;
    return false;
  }
  const existing = deps.bundles.byIndex(BUNDLES_BY_REPO, `${gitRepo.metadata.namespace ?? ''}/${gitRepo.metadata.name ?? ''}`);
  const discovery = discoverGitRepoBundles({ gitRepo, files: checkout.files });
  const charts = await fetchCharts({ discovery, scope: helmScope, ...(deps.chartFetcher ? { fetcher: deps.chartFetcher } : {}), signal });
  const plan = planBundles({ gitRepo, commit: checkout.commit, files: checkout.files, existing, discovery, charts });
  const stored = new Map(existing.map((b) => [b.metadata.name ?? '', b]));
  // Unsafe files matter only inside this GitRepo's bundles, not elsewhere in the repository.
  const roots = [...plan.bundles.map((b) => b.path), ...plan.errors.map((e) => e.path)];
  const runners = { ...(deps.kustomizeRunner ? { kustomizeRunner: deps.kustomizeRunner } : {}), ...(deps.helmRunner ? { helmRunner: deps.helmRunner } : {}) };
  const written = await writeBundles({ client: deps.client, plan, stored, ...runners, signal });
  const bundleErrors = [...checkout.errors.filter((e) => insideAny(e.path, roots)), ...plan.errors, ...written.errors];
  await writeBundleSourceStatus({ client: deps.client, stored, errors: bundleErrors, now: polledAt, signal });
  Object.assign(outcome, {
    commit: checkout.commit,
    polledCommit: checkout.commit,
    polledAt,
    bundleErrors,
    findings: plan.findings,
    bundleCount: written.bundleCount,
    resourceCount: written.resourceCount,
  });
  return chartFetchFailed(charts);
}

export async function syncGitRepo(deps: GitRepoSyncDeps, request: SyncRequest): Promise<SyncReport> {
  const gitRepo = deps.gitRepos.get(request.key);
  if (gitRepo === undefined) {
    // Gone: its Bundles go with it (owner references); its git cache goes here.
    const { namespace, name } = splitKey(request.key);
    await rm(join(deps.cacheDir, namespace, name), { recursive: true, force: true });
    return { result: reconcileResult.done() };
  }
  if (gitRepo.metadata.deletionTimestamp) return { result: reconcileResult.done() };
  const outcome = emptyOutcome();
  const retryCharts = await syncBundles(deps, gitRepo, outcome, request.signal);
  await writeStatus(deps, gitRepo, outcome, request.signal);
  const level = outcome.gitError || outcome.rejected || outcome.refused || outcome.bundleErrors.length > 0 ? 'warn' : 'info';
  request.logger[level]({ commit: outcome.commit, bundles: outcome.bundleCount, errors: outcome.bundleErrors.length, gitError: outcome.gitError?.reason }, 'synced');
  // A failure that may pass by itself is retried with backoff; the poller covers the rest.
  if (outcome.gitError?.retry) return { gitRepo, outcome, result: reconcileResult.requeue() };
  // A chart repository that is down may come back without a new commit: look again at a steady
  // pace (not the growing backoff, which would leave a recovered repository unused for minutes).
  return { gitRepo, outcome, result: retryCharts ? reconcileResult.requeueAfter(CHART_RETRY_AFTER) : reconcileResult.done() };
}
