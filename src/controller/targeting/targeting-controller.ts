/**
 * The targeting controller: the Bundle reconciler (Bundle → BundleDeployments) and the
 * Cluster reconciler (cluster namespaces), fed from shared caches. What re-resolves what:
 * - a Bundle's spec or labels: that Bundle and its namesakes of other workspaces;
 * - a Cluster added, removed, relabelled, paused or given other templateValues: only the
 *   Bundles it can affect (`BundleReferenceIndex.affectedBundles`), not every Bundle; its
 *   status (heartbeats every few seconds, summaries) re-resolves nothing;
 * - a ClusterGroup, BundleNamespaceMapping or GitRepoRestriction: its workspace's Bundles
 *   (groups and workspace labels also reach Bundles that mappings open them to);
 * - a GitRepo's spec: its Bundles;
 * - a BundleDeployment's status: its Bundle (rollout progress, summary) and the Bundles of
 *   its workspace that dependsOn something, gathered for `statusCoalesce` first. An agent
 *   writes each BundleDeployment's status several times while it applies, and each write
 *   re-planned every cluster of the Bundle: at 50 × 50 that was most of the controller's CPU
 *   during a push. A BundleDeployment added, deleted or whose spec changed still queues at once.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { KubeObject } from '../../api/meta.js';
import type { KustomizeRunner } from '../../bundle/index.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { NAMESPACE_INDEX, objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { BundleReferenceIndex, ClusterIndex, bundleMatchers, sameTargetCluster, type ClusterChange } from '../../targeting/index.js';
import { measuredReconcile, NO_METRICS, type ControllerMetrics } from '../controller-metrics.js';
import { CoalescingQueue } from '../status/coalescing-queue.js';
import { reconcileBundle, type BundleReconcilerDeps } from './bundle-reconciler.js';
import { clusterNamespaceInputsChanged, reconcileCluster } from './cluster-reconciler.js';
import { BY_REPO, bundleKeyOf, clusterKeyOf, HubCaches } from './hub-caches.js';
import { RenderedContents } from './rendered-contents.js';
import { toTargetBundle, toTargetCluster, toTargetGitRepo, toTargetGroup } from './target-inputs.js';

/** The field manager of BundleDeployments, cluster namespaces and the Bundle status the targeting controller writes. */
export const TARGETING_FIELD_MANAGER = 'flotilla-controller-targeting';

export interface TargetingControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** Shared caches; created (and started, stopped) here when not given. */
  caches?: HubCaches;
  /** Bundles reconciled at once; default 16. */
  concurrency?: number;
  /** BundleDeployment writes in flight per Bundle; default 32. */
  writeConcurrency?: number;
  kustomizeRunner?: KustomizeRunner;
  /** How long BundleDeployment status changes are gathered before their Bundles are reconciled; default 500 ms, as the status controller's. */
  statusCoalesce?: Duration;
  /** Where the Bundle loop reports reconciles and its queue depth; default nowhere. */
  metrics?: ControllerMetrics;
  /** How long a per-option Content written once is trusted to exist; default 30 s (RenderedContents). */
  contentRefresh?: Duration;
}

export class TargetingController {
  readonly caches: HubCaches;
  readonly clusterIndex = new ClusterIndex();
  private readonly references = new BundleReferenceIndex();
  private readonly bundleLoop: Reconciler;
  private readonly clusterLoop: Reconciler;
  private readonly ownsCaches: boolean;
  private readonly statusChanges: CoalescingQueue;

  constructor(options: TargetingControllerOptions) {
    const { client, clock, logger } = options;
    this.ownsCaches = !options.caches;
    this.caches = options.caches ?? new HubCaches({ client, clock, logger });
    const deps: BundleReconcilerDeps = {
      client,
      caches: this.caches,
      clusterIndex: this.clusterIndex,
      contents: new RenderedContents({
        client,
        clock,
        fieldManager: TARGETING_FIELD_MANAGER,
        ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}),
        ...(options.contentRefresh ? { refreshAfter: options.contentRefresh } : {}),
      }),
      clock,
      fieldManager: TARGETING_FIELD_MANAGER,
      writeConcurrency: options.writeConcurrency ?? 32,
    };
    const metrics = options.metrics ?? NO_METRICS;
    this.bundleLoop = new Reconciler({
      name: 'bundle',
      concurrency: options.concurrency ?? 16,
      logger,
      clock,
      reconcile: measuredReconcile(metrics, 'bundle', (request, context) => reconcileBundle(deps, { key: request.key, logger: context.logger, signal: context.signal }), clock),
    });
    metrics.queueDepth('bundle', () => this.bundleLoop.queue.length);
    this.statusChanges = new CoalescingQueue({ clock, window: options.statusCoalesce ?? Duration.milliseconds(500), flush: (key) => this.bundleLoop.enqueue(key) });
    const clusterDeps = { client, caches: this.caches, fieldManager: TARGETING_FIELD_MANAGER };
    this.clusterLoop = new Reconciler({ name: 'cluster', concurrency: 16, logger, clock, reconcile: (request, context) => reconcileCluster(clusterDeps, request.key, context.signal) });
    this.watchBundles();
    this.watchClusters();
    this.watchWorkspaceInputs();
    this.watchDeployments();
  }

  private enqueueBundles(keys: Iterable<string>): void {
    for (const key of keys) this.bundleLoop.enqueue(key);
  }

  private bundlesOf(workspace: string): string[] {
    return this.caches.bundles.cache.byIndex(NAMESPACE_INDEX, workspace).map(objectKey);
  }

  /** Bundles of workspaces holding a BundleNamespaceMapping: a change elsewhere may reach them. */
  private mappedBundles(): string[] {
    const workspaces = new Set(this.caches.mappings.cache.list().map((m) => m.metadata.namespace ?? ''));
    return [...workspaces].flatMap((w) => this.bundlesOf(w));
  }

  private register(bundle: Bundle): void {
    const target = toTargetBundle(bundle);
    const gitRepo = target.gitRepoName ? this.caches.gitRepos.cache.get(`${target.namespace}/${target.gitRepoName}`) : undefined;
    this.references.set(objectKey(bundle), bundleMatchers(target, gitRepo ? toTargetGitRepo(gitRepo) : undefined));
  }

  private namesakes(bundle: Bundle): string[] {
    return this.caches.bundles.cache.byIndex('name', bundle.metadata.name ?? '').map(objectKey);
  }

  private watchBundles(): void {
    this.caches.bundles.on({
      add: (b) => {
        this.register(b);
        this.enqueueBundles(this.namesakes(b));
      },
      update: (old, b) => {
        const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {});
        if (old.metadata.generation === b.metadata.generation && !labelsChanged && !b.metadata.deletionTimestamp) return;
        this.register(b);
        this.enqueueBundles([objectKey(b), ...this.namesakes(b)]);
      },
      delete: (b) => {
        this.references.delete(objectKey(b));
        this.enqueueBundles([objectKey(b), ...this.namesakes(b)]);
      },
    });
  }

  private clusterChanged(change: ClusterChange): void {
    this.enqueueBundles(this.references.affectedBundles(change, this.caches.groups.cache.list().map(toTargetGroup)));
  }

  private watchClusters(): void {
    const upsert = (c: Cluster): void => {
      const after = toTargetCluster(c);
      const known = this.clusterIndex.get(objectKey(c));
      // A heartbeat or a status summary leaves what targeting reads unchanged: no re-resolution.
      if (known && sameTargetCluster(known, after)) return;
      const before = this.clusterIndex.upsert(after);
      this.clusterChanged(before ? { before, after } : { after });
    };
    this.caches.clusters.on({
      add: (c) => {
        upsert(c);
        this.clusterLoop.enqueueObject(c);
      },
      update: (old, c) => {
        upsert(c);
        if (clusterNamespaceInputsChanged(old, c)) this.clusterLoop.enqueueObject(c);
      },
      delete: (c) => {
        const before = this.clusterIndex.remove(objectKey(c));
        if (before) this.clusterChanged({ before });
        this.clusterLoop.enqueueObject(c);
      },
    });
    const namespaceEvent = (ns: KubeObject): void => {
      const key = clusterKeyOf(ns);
      if (!key) return;
      this.clusterLoop.enqueue(key);
      const cluster = this.clusterIndex.get(key);
      // A namespace that appears lets the BundleDeployments waiting for it be written.
      if (cluster) this.clusterChanged({ after: cluster });
    };
    this.caches.clusterNamespaces.on({ add: namespaceEvent, update: (_o, ns) => this.clusterLoop.enqueue(clusterKeyOf(ns) ?? ''), delete: namespaceEvent });
  }

  private watchWorkspaceInputs(): void {
    const workspaceChanged = (obj: KubeObject): void => this.enqueueBundles(this.bundlesOf(obj.metadata.namespace ?? ''));
    const specChanged = (handler: (obj: KubeObject) => void) => ({
      add: handler,
      update: (old: KubeObject, obj: KubeObject) => {
        if (JSON.stringify({ ...old, metadata: old.metadata.labels, status: undefined }) !== JSON.stringify({ ...obj, metadata: obj.metadata.labels, status: undefined })) handler(obj);
      },
      delete: handler,
    });
    this.caches.groups.on(
      specChanged((g) => {
        workspaceChanged(g);
        this.enqueueBundles(this.mappedBundles());
      }),
    );
    // The index keeps each group's members once asked about; a deleted group's are dropped.
    this.caches.groups.on({ delete: (g) => this.clusterIndex.forgetGroup(objectKey(g)) });
    this.caches.mappings.on(specChanged(workspaceChanged));
    this.caches.restrictions.on(specChanged(workspaceChanged));
    this.caches.workspaces.on(specChanged(() => this.enqueueBundles(this.mappedBundles())));
    this.caches.gitRepos.on(
      specChanged((g) => {
        const bundles = this.caches.bundles.cache.byIndex(BY_REPO, objectKey(g));
        for (const b of bundles) this.register(b);
        this.enqueueBundles(bundles.map(objectKey));
      }),
    );
  }

  /** The BundleDeployment's Bundle and the Bundles of its workspace that dependsOn something. */
  private bundlesReading(bd: BundleDeployment): string[] {
    const key = bundleKeyOf(bd);
    if (!key) return [];
    const workspace = key.slice(0, key.indexOf('/'));
    const dependents = this.caches.bundles.cache.byIndex(NAMESPACE_INDEX, workspace).filter((b) => (b.spec.dependsOn?.length ?? 0) > 0);
    return [key, ...dependents.map(objectKey)];
  }

  private watchDeployments(): void {
    const changed = (bd: BundleDeployment): void => this.enqueueBundles(this.bundlesReading(bd));
    this.caches.deployments.on({
      add: changed,
      update: (old, bd) => {
        if (JSON.stringify(old.spec) !== JSON.stringify(bd.spec)) changed(bd);
        else if (JSON.stringify(old.status ?? {}) !== JSON.stringify(bd.status ?? {})) for (const key of this.bundlesReading(bd)) this.statusChanges.add(key);
      },
      delete: changed,
    });
  }

  /** Re-resolves these Bundles now. */
  trigger(keys: readonly string[]): void {
    this.enqueueBundles(keys);
  }

  async start(signal?: AbortSignal): Promise<void> {
    if (this.ownsCaches) await this.caches.start(signal);
    for (const b of this.caches.bundles.cache.list()) this.register(b);
    this.enqueueBundles(this.caches.bundles.cache.list().map(objectKey));
    this.bundleLoop.start(signal);
    this.clusterLoop.start(signal);
  }

  async stop(): Promise<void> {
    this.statusChanges.stop();
    await Promise.all([this.bundleLoop.stop(), this.clusterLoop.stop()]);
    if (this.ownsCaches) await this.caches.stop();
  }
}
