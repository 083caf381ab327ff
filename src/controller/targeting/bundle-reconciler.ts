/**
 * Reconciles one Bundle into its BundleDeployments, as ordered steps: resolve its targets
 * (with its namesakes of other workspaces, for duplicate detection), render one Content per
 * distinct option set, plan the rollout pass, write the BundleDeployments that change and
 * delete those of clusters no longer targeted, then write the Bundle's status once. Bad
 * input (an invalid selector or strategy, a missing GitRepo, a render error) changes no
 * BundleDeployment and shows in the status conditions.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { API_VERSION } from '../../api/group.js';
import { LABELS, clusterNamespaceName } from '../../api/names.js';
import { BundleError } from '../../bundle/index.js';
import { isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { NAMESPACE_INDEX } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { ClusterIndex, RolloutStrategyError, resolveTargets, type BundleOnCluster, type BundleResolution, type TargetedDecision } from '../../targeting/index.js';
import { BUNDLE_STATUS_FIELDS, bundleStatus, type BundleProblem } from '../status/bundle-status.js';
import { deploymentState } from '../status/deployment-state.js';
import { writeStatusIfChanged } from '../status/status-writer.js';
import { summarizeDeployments } from '../status/summary.js';
import { runBatched } from './batched-writes.js';
import { planDeployments, type DeploymentPlan } from './deployment-plan.js';
import { BY_BUNDLE, BY_NAME, clusterKeyOf, type HubCaches } from './hub-caches.js';
import type { RenderedContents } from './rendered-contents.js';
import { toNamespaceMapping, toRestriction, toTargetBundle, toTargetGitRepo, toTargetGroup, toWorkspaceNamespace } from './target-inputs.js';

export interface BundleReconcilerDeps {
  readonly client: ObjectClient;
  readonly caches: HubCaches;
  readonly clusterIndex: ClusterIndex;
  readonly contents: RenderedContents;
  readonly clock: Clock;
  readonly fieldManager: string;
  /** BundleDeployment writes in flight at once. */
  readonly writeConcurrency: number;
}

export interface BundleReconcileRequest {
  readonly key: string;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

function currentDeployments(deps: BundleReconcilerDeps, key: string): Map<string, BundleDeployment> {
  const current = new Map<string, BundleDeployment>();
  for (const bd of deps.caches.deployments.cache.byIndex(BY_BUNDLE, key)) {
    const cluster = clusterKeyOf(bd);
    if (cluster) current.set(cluster, bd);
  }
  return current;
}

function resolve(deps: BundleReconcilerDeps, bundle: Bundle): BundleResolution {
  const { caches } = deps;
  const namesakes = caches.bundles.cache.byIndex(BY_NAME, bundle.metadata.name ?? '').filter((b) => b !== bundle && !b.metadata.deletionTimestamp);
  const [resolution] = resolveTargets({
    bundles: [bundle, ...namesakes].map(toTargetBundle),
    clusters: deps.clusterIndex,
    groups: caches.groups.cache.list().map(toTargetGroup),
    namespaces: caches.workspaces.cache.list().map(toWorkspaceNamespace),
    mappings: caches.mappings.cache.list().map(toNamespaceMapping),
    gitRepos: caches.gitRepos.cache.list().map(toTargetGitRepo),
    restrictions: caches.restrictions.cache.list().map(toRestriction),
  });
  return resolution as BundleResolution;
}

/** Content names per options hash; throws BundleError when the bundle does not render. */
async function renderContents(deps: BundleReconcilerDeps, bundle: Bundle, resolution: BundleResolution, signal: AbortSignal): Promise<Map<string, string>> {
  const distinct = new Map<string, TargetedDecision>();
  for (const d of resolution.decisions) if (d.targeted && !distinct.has(d.optionsHash)) distinct.set(d.optionsHash, d);
  const contents = new Map<string, string>();
  for (const [hash, d] of distinct) contents.set(hash, await deps.contents.contentFor(bundle, d.options, hash, signal));
  return contents;
}

function bundlesOnCluster(deps: BundleReconcilerDeps) {
  return (clusterKey: string): BundleOnCluster[] => {
    // A cluster's namespace name follows from its key (no index needed): only whether it exists yet matters.
    const slash = clusterKey.indexOf('/');
    const ns = clusterNamespaceName(clusterKey.slice(0, slash), clusterKey.slice(slash + 1));
    if (!deps.caches.clusterNamespaces.cache.get(ns)) return [];
    return deps.caches.deployments.cache.byIndex(NAMESPACE_INDEX, ns).map((bd) => ({
      name: bd.metadata.labels?.[LABELS.bundleName] ?? bd.metadata.name ?? '',
      namespace: bd.metadata.labels?.[LABELS.bundleNamespace] ?? '',
      ...(bd.metadata.labels ? { labels: bd.metadata.labels } : {}),
      state: deploymentState(bd),
    }));
  };
}

/** Writes the plan; returns whether some write must be retried (a cluster namespace not there yet). */
async function write(deps: BundleReconcilerDeps, plan: DeploymentPlan, request: BundleReconcileRequest): Promise<boolean> {
  const { client, fieldManager } = deps;
  const { signal } = request;
  // Every write in flight listens on the loop's shared signal; that many listeners is expected.
  setMaxListeners(Math.max(getMaxListeners(signal), deps.writeConcurrency * 16), signal);
  const namespaces = deps.caches.clusterNamespaces.cache;
  const ready = plan.apply.filter((bd) => namespaces.get(bd.metadata.namespace ?? '') !== undefined);
  const failures = [
    ...(await runBatched(ready, deps.writeConcurrency, async (bd) => {
      await client.apply(bd, { fieldManager, force: true, signal });
    })),
    ...(await runBatched(plan.remove, deps.writeConcurrency, async (bd) => {
      try {
        await client.delete({ apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: bd.metadata.namespace, name: bd.metadata.name ?? '' }, { signal });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    })),
  ];
  for (const f of failures) if (!isNotFound(f.error)) throw f.error;
  if (failures.length > 0) request.logger.debug({ count: failures.length }, 'cluster namespaces missing, retrying');
  return failures.length > 0 || ready.length < plan.apply.length;
}

async function writeStatus(deps: BundleReconcilerDeps, bundle: Bundle, status: ReturnType<typeof bundleStatus>, signal: AbortSignal): Promise<void> {
  await writeStatusIfChanged(deps.client, { object: bundle, status, owned: BUNDLE_STATUS_FIELDS }, { signal });
}

async function stalled(deps: BundleReconcilerDeps, bundle: Bundle, current: Map<string, BundleDeployment>, problem: BundleProblem, signal: AbortSignal): Promise<ReconcileResult> {
  const summary = summarizeDeployments([...current].map(([name, deployment]) => ({ name, deployment })));
  await writeStatus(deps, bundle, bundleStatus({ bundle, summary, problem, refusals: [], now: new Date(deps.clock.now()).toISOString() }), signal);
  return reconcileResult.done();
}

async function deleteAll(deps: BundleReconcilerDeps, key: string, request: BundleReconcileRequest): Promise<ReconcileResult> {
  deps.contents.forget(key);
  const remove = [...currentDeployments(deps, key).values()];
  const plan: DeploymentPlan = { apply: [], remove, rollout: { unavailable: 0, maxUnavailable: 0, unavailablePartitions: 0, maxUnavailablePartitions: 0, newlyCreated: 0, partitions: [] }, entries: [], refusals: [], deferred: 0 };
  await write(deps, plan, request);
  return reconcileResult.done();
}

export async function reconcileBundle(deps: BundleReconcilerDeps, request: BundleReconcileRequest): Promise<ReconcileResult> {
  const { key, signal } = request;
  const bundle = deps.caches.bundles.cache.get(key);
  if (!bundle || bundle.metadata.deletionTimestamp) return deleteAll(deps, key, request);
  const current = currentDeployments(deps, key);
  const resolution = resolve(deps, bundle);
  if (resolution.error) return stalled(deps, bundle, current, resolution.error, signal);
  let plan: DeploymentPlan;
  try {
    const contents = await renderContents(deps, bundle, resolution, signal);
    plan = planDeployments({
      bundle,
      resolution,
      cluster: (k) => deps.clusterIndex.get(k),
      contents,
      current,
      groups: deps.caches.groups.cache.list().map(toTargetGroup),
      bundlesOnCluster: bundlesOnCluster(deps),
    });
  } catch (err) {
    if (err instanceof BundleError) return stalled(deps, bundle, current, { reason: 'RenderError', message: err.message }, signal);
    if (err instanceof RolloutStrategyError) return stalled(deps, bundle, current, { reason: 'InvalidRolloutStrategy', message: err.message }, signal);
    throw err;
  }
  const retry = await write(deps, plan, request);
  const summary = summarizeDeployments(plan.entries);
  const now = new Date(deps.clock.now()).toISOString();
  await writeStatus(deps, bundle, bundleStatus({ bundle, summary, rollout: plan.rollout, refusals: plan.refusals, now }), signal);
  if (resolution.warnings.length > 0) request.logger.warn({ warnings: resolution.warnings }, 'targeting warnings');
  return retry || plan.deferred > 0 ? reconcileResult.requeue() : reconcileResult.done();
}
