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

export async function ensureDefaultRbac(cluster: string, registry: ResourceRegistry, service: ObjectService): Promise<void> {
  const roles = registry.lookup(rbacGroup, 'v1', 'clusterroles');
  const bindings = registry.lookup(rbacGroup, 'v1', 'clusterrolebindings');
  if (!roles || !bindings) return;
  await createMissing(service, { cluster, resource: roles, namespace: '' }, bootstrapClusterRoles());
  const defaults = defaultClusterRoleBindings() as unknown as KubeObject[];
  await createMissing(service, { cluster, resource: bindings, namespace: '' }, defaults);
}

async function createMissing(service: ObjectService, target: Target, objects: readonly KubeObject[]): Promise<void> {
  for (const obj of objects) {
    const name = obj.metadata.name ?? '';
    if (!service.find(target, name)) await service.create(target, obj, { fieldManager: 'flotilla-apiserver' });
  }
}
