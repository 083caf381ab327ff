/**
 * One agent for one member cluster: watches only its cluster namespace's BundleDeployments on
 * the hub, fetches each one's Content by name, hands both to the apply engine
 * (BundleDeploymentApplier) and writes the status it computes back when it changed. Changes
 * to applied objects on the member (AppliedObjectMonitor) queue a re-check, a deleted
 * BundleDeployment is removed from the member, and inventories whose BundleDeployment
 * vanished while the agent was down are removed on start. Restarting re-applies nothing:
 * the applier skips what the status says is applied and the member still matches. A vanished
 * BundleDeployment's objects are removed only once the hub confirms it is gone (read once
 * before acting), never on what a cache misses.
 */
import type { Logger } from 'pino';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { API_VERSION } from '../../api/group.js';
import { isConflict, isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration, type DurationLike } from '../../kube/duration.js';
import { Informer, withoutManagedFields } from '../../kube/informer.js';
import { objectKey, splitKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler, type ReconcileContext, type ReconcileRequest } from '../../kube/reconciler.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { TransientError } from '../../kube/reconcile-error.js';
import { memberClusterRoles } from '../../bundle/index.js';
import { AppliedObjectMonitor } from '../applied-object-monitor.js';
import { BundleDeploymentApplier } from '../bundle-deployment-applier.js';
import { InventoryStore } from '../inventory-store.js';
import { refOf } from '../object-ref.js';
import { ContentSource } from './content-source.js';
import { Heartbeat } from './heartbeat.js';
import { statusChanged } from './status-change.js';
import { WrittenStatuses } from './written-statuses.js';

export interface ClusterAgentOptions {
  /** The hub, with the agent's own credential. */
  hub: ObjectClient;
  /** The member cluster. */
  member: ObjectClient;
  /** A member client acting as another user, for BundleDeployments that name a service account. */
  impersonate?: (username: string) => Promise<ObjectClient>;
  workspace: string;
  clusterName: string;
  clusterNamespace: string;
  version: string;
  clock: Clock;
  logger: Logger;
  /** Default 15 s. */
  heartbeatInterval?: DurationLike;
  /** How often every BundleDeployment is re-checked without an event; default 5 minutes. */
  resyncInterval?: DurationLike;
  /** BundleDeployments handled at once; default 4. */
  concurrency?: number;
}

export class ClusterAgent {
  readonly deployments: Informer<BundleDeployment>;
  private readonly reconciler: Reconciler;
  private readonly applier: BundleDeploymentApplier;
  private readonly monitor: AppliedObjectMonitor;
  private readonly heartbeat: Heartbeat;
  private readonly contents: ContentSource;
  /**
   * What removal needs of each BundleDeployment (its name and options), so one deleted meanwhile
   * can still be removed with its options. Only that is kept: the whole object kept here was the
   * version before the agent's own status write, which the cache had already replaced, so every
   * BundleDeployment was held twice.
   */
  private readonly lastKnown = new Map<string, BundleDeployment>();
  /** Status writes the watch has not delivered yet, so a re-check meanwhile does not re-apply. */
  private readonly written = new WrittenStatuses();
  private readonly logger: Logger;

  constructor(private readonly options: ClusterAgentOptions) {
    const { hub, member, clock } = options;
    this.logger = options.logger.child({ cluster: options.clusterName, workspace: options.workspace });
    // Field ownership is never read here; kept, every status write sent it back to the hub (which keeps the stored one when none is sent).
    this.deployments = new Informer<BundleDeployment>({ client: hub, clock, logger: this.logger, apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: options.clusterNamespace, transform: withoutManagedFields });
    this.reconciler = new Reconciler({ name: 'agent', logger: this.logger, clock, concurrency: options.concurrency ?? 4, reconcile: (r, c) => this.reconcile(r, c) });
    this.applier = new BundleDeploymentApplier({ client: member, hub: options.clusterNamespace, ...(options.impersonate ? { impersonate: options.impersonate } : {}) });
    this.monitor = new AppliedObjectMonitor({ client: member, hub: options.clusterNamespace, clock, resyncEvery: options.resyncInterval ?? Duration.minutes(5), onChange: (key) => this.reconciler.enqueue(key), isOwnWrite: (ref, seen) => this.applier.isOwnWrite(ref, seen), logger: this.logger });
    this.heartbeat = new Heartbeat({ hub, workspace: options.workspace, clusterName: options.clusterName, version: options.version, interval: options.heartbeatInterval ?? Duration.seconds(15), clock, logger: this.logger });
    this.contents = new ContentSource(hub, { needed: () => this.deployments.cache.size });
    const enqueue = (bd: BundleDeployment) => this.reconciler.enqueueObject(bd);
    // The agent's own status write coming back through the watch changes nothing it did not
    // already know: re-checking it cost the member a read of every object per BundleDeployment.
    const enqueueUnlessOwn = (old: BundleDeployment, bd: BundleDeployment) => {
      const key = objectKey(bd);
      if (!this.written.isOwnWrite(key, old, bd)) return enqueue(bd);
      // Delivered: neither the write's answer nor the status sent is needed (no re-check will come to drop them).
      this.written.delivered(key, bd);
    };
    this.deployments.on({ add: enqueue, update: enqueueUnlessOwn, delete: enqueue });
  }

  /**
   * The ClusterRoles managed-namespace role assignments bind to (Reader, Writer, Admin):
   * without them on the member, the bindings Flotilla renders would grant nothing.
   */
  private async installMemberRoles(): Promise<void> {
    for (const role of memberClusterRoles()) {
      try {
        await this.options.member.apply(role, { fieldManager: 'flotilla-agent', force: true });
      } catch (err) {
        this.logger.warn({ err, role: role.metadata.name }, 'could not install a managed-namespace ClusterRole on the member');
      }
    }
  }

  /** Starts watching and applying; resolves once the first list of BundleDeployments arrived. */
  async start(signal?: AbortSignal): Promise<void> {
    await this.installMemberRoles();
    this.heartbeat.start();
    this.monitor.start();
    this.deployments.start(signal);
    await this.deployments.waitForSync(signal);
    await this.removeOrphans().catch((err: unknown) => this.logger.warn({ err }, 'could not check for inventories of deleted BundleDeployments'));
    this.reconciler.start(signal);
    this.logger.info({ namespace: this.options.clusterNamespace }, 'agent started');
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
    await Promise.all([this.deployments.stop(), this.monitor.stop(), this.heartbeat.stop()]);
  }

  private async reconcile(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const bd = await this.desired(request.key, context.signal);
    if (!bd) return this.remove(request.key, context);
    this.lastKnown.set(request.key, removalView(bd));
    if (!bd.spec.deploymentID || bd.spec.paused) return reconcileResult.done();
    let manifests;
    try {
      manifests = await this.contents.manifests(bd.spec.deploymentID, context.signal);
    } catch (err) {
      throw new TransientError('ContentUnavailable', `Content of ${bd.spec.deploymentID} cannot be read`, { cause: err });
    }
    const status = await this.applier.deploy({ bundleDeployment: bd, manifests });
    this.monitor.track(request.key, manifests.map(refOf));
    if (!statusChanged(bd.status, status)) return reconcileResult.done();
    this.written.sending(request.key, status);
    try {
      this.written.remember(request.key, bd, await this.options.hub.updateStatus({ ...bd, status }, { signal: context.signal }));
    } catch (err) {
      // A newer version is on its way through the watch; it queues this key again.
      if (isConflict(err) || isNotFound(err)) return reconcileResult.done();
      throw err;
    }
    context.logger.info({ deploymentID: status.appliedDeploymentID, ready: status.ready, nonModified: status.nonModified }, 'status written');
    return reconcileResult.done();
  }

  /**
   * The BundleDeployment to act on. The cache answers (with the agent's own status write until
   * the watch delivers it), except before removing: a BundleDeployment the cache misses may
   * still exist, and deleting its objects on a stale view is the one mistake that loses what
   * was applied, so the hub is read first. Applying trusts the cache: the informer resumes a
   * cut watch after the last event it delivered, so it no longer replays old specs (which once
   * rolled a member back to an old Content, found by the agent network-cut fault case), and
   * reading each BundleDeployment again before applying it was a fifth of the hub's requests
   * in a rollout. Undefined when the hub no longer has it.
   */
  private async desired(key: string, signal: AbortSignal): Promise<BundleDeployment | undefined> {
    const cached = this.deployments.cache.get(key);
    if (cached) return this.written.freshest(key, cached);
    const { namespace, name } = splitKey(key);
    try {
      const live = await this.options.hub.get<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment', namespace, name }, { signal });
      return this.written.freshest(key, live);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw new TransientError('HubUnavailable', `BundleDeployment ${key} cannot be read from the hub`, { cause: err });
    }
  }

  private async remove(key: string, context: ReconcileContext): Promise<ReconcileResult> {
    const last = this.lastKnown.get(key) ?? shell(key);
    const refused = await this.applier.remove(last);
    for (const message of refused) context.logger.warn({ message }, 'kept an object on removal');
    this.monitor.untrack(key);
    this.lastKnown.delete(key);
    this.written.forget(key);
    context.logger.info('BundleDeployment gone; its objects are removed');
    return reconcileResult.done();
  }

  /** Inventories of this cluster namespace whose BundleDeployment no longer exists (deleted while the agent was down). */
  private async removeOrphans(): Promise<void> {
    const inventories = await new InventoryStore(this.options.member, this.options.clusterNamespace).list();
    for (const inventory of inventories) {
      const key = inventory.bundleDeployment;
      if (splitKey(key).namespace !== this.options.clusterNamespace || this.deployments.cache.get(key)) continue;
      this.reconciler.enqueue(key);
    }
  }
}

/** The part of a BundleDeployment its removal reads: name and options (shared with the cached object, not copied). */
export function removalView(bd: BundleDeployment): BundleDeployment {
  const { namespace, name } = bd.metadata;
  return { apiVersion: bd.apiVersion, kind: bd.kind, metadata: { namespace, name }, spec: bd.spec.options ? { options: bd.spec.options } : {} };
}

function shell(key: string): BundleDeployment {
  const { namespace, name } = splitKey(key);
  return { apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { namespace, name }, spec: {} };
}
