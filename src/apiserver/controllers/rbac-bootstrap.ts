/**
 * The default ClusterRoles and ClusterRoleBindings every logical cluster starts with
 * (`cluster-admin`, `admin`, `edit`, `view`, discovery, basic-user, public-info), created when
 * a cluster is created and again on start for any that were deleted. Existing objects are
 * left as they are: an operator's edits win, as with `autoupdate: false` on a real cluster.
 */
import type { KubeObject } from '../../api/meta.js';
import { aggregateClusterRoles } from '../auth/aggregation.js';
import { defaultClusterRoleBindings, defaultClusterRoles } from '../auth/default-rbac.js';
import { rbacGroup } from '../auth/rbac-objects.js';
import type { ResourceRegistry } from '../resource-registry.js';
import type { ObjectService, Target } from '../rest/object-service.js';

/** Default roles with their aggregated rules already filled in, so they work before the aggregation controller runs. */
export function bootstrapClusterRoles(): KubeObject[] {
  const roles = defaultClusterRoles();
  const aggregated = new Map(aggregateClusterRoles(roles).map((r) => [r.metadata.name, r]));
  return roles.map((r) => (aggregated.get(r.metadata.name) ?? r) as unknown as KubeObject);
}

/** The objects every cluster starts with; the same for all, so computed once per server, not per cluster. */
export interface DefaultRbacObjects {
  readonly roles: readonly KubeObject[];
  readonly bindings: readonly KubeObject[];
}

export function defaultRbacObjects(): DefaultRbacObjects {
  return { roles: bootstrapClusterRoles(), bindings: defaultClusterRoleBindings() as unknown as KubeObject[] };
}

/**
 * Creates the default roles and bindings a cluster lacks. `defaults` is only read (create
 * copies what it stores), so one set serves every cluster: aggregating the roles again for
 * each was a third of the CPU of creating 1,000 clusters.
 */
export async function ensureDefaultRbac(cluster: string, registry: ResourceRegistry, service: ObjectService, defaults: DefaultRbacObjects = defaultRbacObjects()): Promise<void> {
  const roles = registry.lookup(rbacGroup, 'v1', 'clusterroles');
  const bindings = registry.lookup(rbacGroup, 'v1', 'clusterrolebindings');
  if (!roles || !bindings) return;
  await Promise.all([
    createMissing(service, { cluster, resource: roles, namespace: '' }, defaults.roles),
    createMissing(service, { cluster, resource: bindings, namespace: '' }, defaults.bindings),
  ]);
}

/** Creates the objects not there yet, all at once: the log's group commit then makes them durable with one fsync, not one each. */
async function createMissing(service: ObjectService, target: Target, objects: readonly KubeObject[]): Promise<void> {
  const missing = objects.filter((obj) => !service.find(target, obj.metadata.name ?? ''));
  await Promise.all(missing.map((obj) => service.create(target, obj, { fieldManager: 'flotilla-apiserver' })));
}
