/**
 * The ManagedNamespace controller: informers for ManagedNamespaces, Bundles,
 * BundleDeployments, Clusters and GitRepoRestrictions, and two reconcile loops (src/kube):
 * one per ManagedNamespace (syncManagedNamespace) and one per GitRepo path Bundle that
 * mirrors its fleet.yaml items as ManagedNamespace records (syncGitMirrors). A
 * ManagedNamespace is queued when it changes, when the Bundle carrying it or one of that
 * Bundle's BundleDeployments changes, and when the Clusters or restrictions of its workspace
 * change. The hub ClusterRoles are applied at start.
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
import { Informer } from '../../kube/informer.js';
import { NAMESPACE_INDEX, objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { FIELD_MANAGER } from '../field-manager.js';
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
    this.bundles = informer<Bundle>('Bundle');
    this.bundleDeployments = informer<BundleDeployment>('BundleDeployment', { indexers: { [DEPLOYMENTS_BY_BUNDLE]: deploymentBundleKey } });
    this.clusters = informer<Cluster>('Cluster');
    this.restrictions = informer<GitRepoRestriction & KubeObject>('GitRepoRestriction');
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
    this.bundles.on(each<Bundle>((b) => this.onBundle(b)));
    this.bundleDeployments.on(each<BundleDeployment>((bd) => { for (const key of deploymentBundleKey(bd)) this.enqueueCarriedBy(key); }));
    this.clusters.on(each<Cluster>((c) => this.enqueueWorkspace(c.metadata.namespace ?? '')));
    this.restrictions.on(each<GitRepoRestriction & KubeObject>((r) => this.enqueueWorkspace(r.metadata.namespace ?? '')));
  }

  private informers(): Array<Informer<KubeObject>> {
    return [this.managedNamespaces, this.bundles, this.bundleDeployments, this.clusters, this.restrictions] as unknown as Array<Informer<KubeObject>>;
  }

  /** Applies the hub ClusterRoles, fills the caches, then starts reconciling. */
  async start(signal?: AbortSignal): Promise<void> {
    for (const role of hubClusterRoles()) await this.options.client.apply(role, { fieldManager: FIELD_MANAGER, force: true, ...(signal ? { signal } : {}) });
    for (const i of this.informers()) i.start(signal);
    await Promise.all(this.informers().map((i) => i.waitForSync(signal)));
    this.reconciler.start(signal);
    this.mirrors.start(signal);
  }

  async stop(): Promise<void> {
    await Promise.all([this.reconciler.stop(), this.mirrors.stop()]);
    await Promise.all(this.informers().map((i) => i.stop()));
  }
}
