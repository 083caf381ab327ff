/**
 * The ManagedNamespace controller: informers for ManagedNamespaces, Bundles,
 * BundleDeployments, Clusters and GitRepoRestrictions, and two reconcile loops (src/kube):
 * one per ManagedNamespace (syncManagedNamespace) and one per GitRepo path Bundle that
 * mirrors its fleet.yaml items as ManagedNamespace records (syncGitMirrors). A
 * ManagedNamespace is queued when it changes, when the Bundle carrying it or one of that
 * Bundle's BundleDeployments changes, and when the Clusters or restrictions of its workspace
 * change. The hub ClusterRoles are applied at start.
 *
 * In the controller process the Bundle, BundleDeployment, Cluster and GitRepoRestriction
 * informers are the targeting controller's (`shared`): a second BundleDeployment informer of
 * whole objects was the controller's largest per-cluster memory and decoded every status
 * write a second time. Alone (tests), the controller runs its own, projected the same way.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { GitRepoRestriction } from '../../api/git-repo-restriction.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import type { ManagedNamespace } from '../../api/managed-namespace.js';
import { LABELS } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import { Informer, withoutManagedFields } from '../../kube/informer.js';
import { NAMESPACE_INDEX, objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { FIELD_MANAGER } from '../field-manager.js';
import { cacheProjections } from '../targeting/cache-projections.js';
import { SharedValues } from '../targeting/shared-values.js';
import { carryingBundle, mirroredBundleKey } from './git-mirror.js';
import { hubClusterRoles } from './hub-roles.js';
import { MANAGED_NAMESPACE_BUNDLE_LABEL } from './managed-namespace-bundle.js';
import { MIRRORS_BY_BUNDLE, syncGitMirrors } from './sync-git-mirrors.js';
import { DEPLOYMENTS_BY_BUNDLE, syncManagedNamespace, type SyncDeps } from './sync-managed-namespace.js';

/** ManagedNamespaces by the `<workspace>/<bundle>` that carries them. */
const BY_CARRYING_BUNDLE = 'carrying-bundle';

export interface ManagedNamespaceControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** ManagedNamespaces reconciled at once; default 4. */
  concurrency?: number;
  /**
   * Informers another controller runs (starts, syncs and stops), read here instead of
   * keeping a second copy of each object; the BundleDeployments must be indexed by
   * DEPLOYMENTS_BY_BUNDLE. Default: this controller runs its own.
   */
  shared?: SharedInformers;
}

export interface SharedInformers {
  bundles: Informer<Bundle>;
  bundleDeployments: Informer<BundleDeployment>;
  clusters: Informer<Cluster>;
  restrictions: Informer<GitRepoRestriction & KubeObject>;
}

/** This controller's own informers of the shared kinds, keeping only what a reader here reads. */
function ownInformers(make: <T extends KubeObject>(kind: string, extra?: Partial<ConstructorParameters<typeof Informer<T>>[0]>) => Informer<T>): SharedInformers {
  const project = cacheProjections(new SharedValues());
  return {
    bundles: make<Bundle>('Bundle', { transform: withoutManagedFields }),
    bundleDeployments: make<BundleDeployment>('BundleDeployment', { indexers: { [DEPLOYMENTS_BY_BUNDLE]: deploymentBundleKey }, transform: project.bundleDeployment }),
    clusters: make<Cluster>('Cluster', { transform: project.cluster }),
    restrictions: make<GitRepoRestriction & KubeObject>('GitRepoRestriction', { transform: withoutManagedFields }),
  };
}

function deploymentBundleKey(bd: BundleDeployment): readonly string[] {
  const labels = bd.metadata.labels ?? {};
  const name = labels[LABELS.bundleName];
  return name === undefined ? [] : [`${labels[LABELS.bundleNamespace] ?? ''}/${name}`];
}

export class ManagedNamespaceController {
  readonly managedNamespaces: Informer<ManagedNamespace>;
  readonly bundles: Informer<Bundle>;
  readonly bundleDeployments: Informer<BundleDeployment>;
  readonly clusters: Informer<Cluster>;
  readonly restrictions: Informer<GitRepoRestriction & KubeObject>;
  private readonly reconciler: Reconciler;
  private readonly mirrors: Reconciler;
  /** The informers this controller starts and stops: its own, not the shared ones. */
  private readonly owned: Array<Informer<KubeObject>>;
  private readonly unsubscribes: Array<() => void> = [];

  constructor(private readonly options: ManagedNamespaceControllerOptions) {
    const { client, clock, logger } = options;
    const informer = <T extends KubeObject>(kind: string, extra: Partial<ConstructorParameters<typeof Informer<T>>[0]> = {}) =>
      new Informer<T>({ client, apiVersion: API_VERSION, kind, clock, logger, ...extra });
    this.managedNamespaces = informer<ManagedNamespace>('ManagedNamespace', {
      indexers: {
        [MIRRORS_BY_BUNDLE]: (m) => { const key = mirroredBundleKey(m); return key ? [key] : []; },
        [BY_CARRYING_BUNDLE]: (m) => [`${m.metadata.namespace ?? ''}/${carryingBundle(m)}`],
      },
    });
    const kinds = options.shared ?? ownInformers(informer);
    this.bundles = kinds.bundles;
    this.bundleDeployments = kinds.bundleDeployments;
    this.clusters = kinds.clusters;
    this.restrictions = kinds.restrictions;
    const ownKinds = options.shared ? [] : [this.bundles, this.bundleDeployments, this.clusters, this.restrictions];
    this.owned = [this.managedNamespaces, ...ownKinds] as unknown as Array<Informer<KubeObject>>;
    const deps: SyncDeps = {
      client,
      clock,
      managedNamespaces: this.managedNamespaces.cache,
      bundles: this.bundles.cache,
      bundleDeployments: this.bundleDeployments.cache,
      clusters: this.clusters.cache,
      restrictions: this.restrictions.cache,
    };
    this.reconciler = new Reconciler({
      name: 'managed-namespace',
      concurrency: options.concurrency ?? 4,
      logger,
      clock,
      reconcile: (request, context) => syncManagedNamespace(deps, { namespace: request.namespace, name: request.name, logger: context.logger, signal: context.signal }),
    });
    this.mirrors = new Reconciler({
      name: 'managed-namespace-mirror',
      logger,
      clock,
      reconcile: (request, context) => syncGitMirrors(deps, { key: request.key, logger: context.logger, signal: context.signal }),
    });
    this.watchEvents();
  }

  private enqueueCarriedBy(bundleKey: string): void {
    for (const m of this.managedNamespaces.cache.byIndex(BY_CARRYING_BUNDLE, bundleKey)) this.reconciler.enqueueObject(m);
  }

  private enqueueWorkspace(workspace: string): void {
    for (const m of this.managedNamespaces.cache.byIndex(NAMESPACE_INDEX, workspace)) this.reconciler.enqueueObject(m);
  }

  private onBundle(b: Bundle): void {
    const key = objectKey(b);
    const owner = b.metadata.labels?.[MANAGED_NAMESPACE_BUNDLE_LABEL];
    if (owner !== undefined) this.reconciler.enqueue(`${b.metadata.namespace ?? ''}/${owner}`);
    else if (b.metadata.labels?.[LABELS.repoName] !== undefined) this.mirrors.enqueue(key);
    this.enqueueCarriedBy(key);
  }

  private watchEvents(): void {
    const each = <T extends KubeObject>(handle: (obj: T) => void) => ({ add: handle, update: (_old: T, obj: T) => handle(obj), delete: handle });
    this.managedNamespaces.on({
      ...each<ManagedNamespace>((m) => this.reconciler.enqueueObject(m)),
      // A git record deleted by hand is written again by its Bundle's mirror.
      delete: (m) => { const key = mirroredBundleKey(m); if (key) this.mirrors.enqueue(key); },
    });
    this.unsubscribes.push(
      this.bundles.on(each<Bundle>((b) => this.onBundle(b))),
      this.bundleDeployments.on(each<BundleDeployment>((bd) => { for (const key of deploymentBundleKey(bd)) this.enqueueCarriedBy(key); })),
      this.clusters.on(each<Cluster>((c) => this.enqueueWorkspace(c.metadata.namespace ?? ''))),
      this.restrictions.on(each<GitRepoRestriction & KubeObject>((r) => this.enqueueWorkspace(r.metadata.namespace ?? ''))),
    );
  }

  private informers(): Array<Informer<KubeObject>> {
    return [this.managedNamespaces, this.bundles, this.bundleDeployments, this.clusters, this.restrictions] as unknown as Array<Informer<KubeObject>>;
  }

  /** Applies the hub ClusterRoles, fills the caches, then starts reconciling. */
  async start(signal?: AbortSignal): Promise<void> {
    for (const role of hubClusterRoles()) await this.options.client.apply(role, { fieldManager: FIELD_MANAGER, force: true, ...(signal ? { signal } : {}) });
    for (const i of this.owned) i.start(signal);
    await Promise.all(this.informers().map((i) => i.waitForSync(signal)));
    // Shared informers listed before this controller subscribed: their Bundles are queued as
    // their add events would have queued them (a git path's mirror, a CLI definition's owner).
    // Every ManagedNamespace is queued by its own informer's adds.
    if (this.options.shared) for (const b of this.bundles.cache.list()) this.onBundle(b);
    this.reconciler.start(signal);
    this.mirrors.start(signal);
  }

  async stop(): Promise<void> {
    await Promise.all([this.reconciler.stop(), this.mirrors.stop()]);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await Promise.all(this.owned.map((i) => i.stop()));
  }
}
