/**
 * The informers the targeting and status controllers read from, created once and shared:
 * Bundles, Clusters, ClusterGroups, workspace Namespaces (not cluster namespaces, of which
 * there is one per Cluster), cluster namespaces, BundleNamespaceMappings, GitRepos,
 * GitRepoRestrictions and BundleDeployments, with the indexes the reconcilers look up by.
 * The kinds there is one of per cluster are cached as projections (cache-projections.ts).
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { BundleNamespaceMapping } from '../../api/bundle-namespace-mapping.js';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { GitRepo } from '../../api/git-repo.js';
import type { GitRepoRestriction } from '../../api/git-repo-restriction.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import { Informer, withoutManagedFields } from '../../kube/informer.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { cacheProjections } from './cache-projections.js';
import { SharedValues } from './shared-values.js';

/** BundleDeployments by `<bundle workspace>/<bundle name>`. */
export const BY_BUNDLE = 'bundle';
/** Bundles and Bundle-made objects by name alone, to find a bundle's namesakes in other workspaces. */
export const BY_NAME = 'name';
/** Bundles by `<workspace>/<gitrepo>`. */
export const BY_REPO = 'repo';

export function bundleKeyOf(bd: BundleDeployment): string | undefined {
  const labels = bd.metadata.labels;
  const name = labels?.[LABELS.bundleName];
  const namespace = labels?.[LABELS.bundleNamespace];
  return name && namespace ? `${namespace}/${name}` : undefined;
}

export function clusterKeyOf(obj: KubeObject): string | undefined {
  const labels = obj.metadata.labels;
  const name = labels?.[LABELS.clusterName];
  const namespace = labels?.[LABELS.clusterNamespace];
  return name && namespace ? `${namespace}/${name}` : undefined;
}

function repoKeyOf(bundle: Bundle): readonly string[] {
  const repo = bundle.metadata.labels?.[LABELS.repoName];
  return repo ? [`${bundle.metadata.namespace ?? ''}/${repo}`] : [];
}

/**
 * These two kinds are declared with interfaces (no index signature), so they need KubeObject
 * intersected in to be cached; the api folder could declare their fields as type aliases.
 */
export type MappingObject = BundleNamespaceMapping & KubeObject;
export type RestrictionObject = GitRepoRestriction & KubeObject;

const one = (value: string | undefined): readonly string[] => (value === undefined ? [] : [value]);

export interface HubCachesOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
}

export class HubCaches {
  readonly bundles: Informer<Bundle>;
  readonly clusters: Informer<Cluster>;
  readonly groups: Informer<ClusterGroup>;
  readonly workspaces: Informer<KubeObject>;
  readonly clusterNamespaces: Informer<KubeObject>;
  readonly mappings: Informer<MappingObject>;
  readonly gitRepos: Informer<GitRepo>;
  readonly restrictions: Informer<RestrictionObject>;
  readonly deployments: Informer<BundleDeployment>;

  constructor(options: HubCachesOptions) {
    const base = { client: options.client, clock: options.clock, logger: options.logger };
    // Nothing here reads field ownership: dropping managedFields roughly halves each cached object.
    const flotilla = { ...base, apiVersion: API_VERSION, transform: withoutManagedFields };
    // There is one of these per cluster (and bundle): they keep only what the readers read, sharing repeated values.
    const project = cacheProjections(new SharedValues());
    this.bundles = new Informer<Bundle>({ ...flotilla, kind: 'Bundle', indexers: { [BY_NAME]: (b) => one(b.metadata.name), [BY_REPO]: repoKeyOf } });
    this.clusters = new Informer<Cluster>({ ...flotilla, kind: 'Cluster', transform: project.cluster });
    this.groups = new Informer<ClusterGroup>({ ...flotilla, kind: 'ClusterGroup' });
    const managed = { key: LABELS.managed, operator: 'DoesNotExist' as const };
    this.workspaces = new Informer<KubeObject>({ ...base, apiVersion: 'v1', kind: 'Namespace', labelSelector: { matchExpressions: [managed] } });
    this.clusterNamespaces = new Informer<KubeObject>({
      ...base,
      apiVersion: 'v1',
      kind: 'Namespace',
      labelSelector: { matchExpressions: [{ key: LABELS.managed, operator: 'Exists' }, { key: LABELS.clusterName, operator: 'Exists' }] },
      transform: project.clusterNamespace,
    });
    this.mappings = new Informer<MappingObject>({ ...flotilla, kind: 'BundleNamespaceMapping' });
    this.gitRepos = new Informer<GitRepo>({ ...flotilla, kind: 'GitRepo' });
    this.restrictions = new Informer<RestrictionObject>({ ...flotilla, kind: 'GitRepoRestriction' });
    this.deployments = new Informer<BundleDeployment>({ ...flotilla, kind: 'BundleDeployment', indexers: { [BY_BUNDLE]: (bd) => one(bundleKeyOf(bd)) }, transform: project.bundleDeployment });
  }

  private all(): Informer<KubeObject>[] {
    return [this.bundles, this.clusters, this.groups, this.workspaces, this.clusterNamespaces, this.mappings, this.gitRepos, this.restrictions, this.deployments] as unknown as Informer<KubeObject>[];
  }

  async start(signal?: AbortSignal): Promise<void> {
    for (const informer of this.all()) informer.start(signal);
    await Promise.all(this.all().map((i) => i.waitForSync(signal)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((i) => i.stop()));
  }
}
