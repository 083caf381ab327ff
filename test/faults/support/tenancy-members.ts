/**
 * Two tenants sharing member clusters, as a platform team sets them up: namespaces
 * `team-a-apps` and `team-b-apps` each holding an object of its tenant, and a deployer
 * ServiceAccount per tenant in `flotilla-system` (where the agent resolves a GitRepo's
 * `serviceAccount`) bound to the `edit` ClusterRole in its own namespace only. The agent
 * applies a tenant's bundles as that account, so the member's RBAC is the last word on what
 * a tenant's repository may touch.
 */
import type { KubeObject } from '../../../src/api/meta.js';
import { SYSTEM_NAMESPACE } from '../../../src/api/names.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';

export const TENANTS = [
  { namespace: 'team-a-apps', deployer: 'team-a-deployer', object: 'a-config', owner: 'a' },
  { namespace: 'team-b-apps', deployer: 'team-b-deployer', object: 'b-config', owner: 'b' },
] as const;

/** Creates both tenants' namespaces, objects, deployers and bindings on a member. */
export async function setUpTenants(member: ObjectClient): Promise<void> {
  for (const t of TENANTS) {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: t.namespace } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: t.object, namespace: t.namespace }, data: { owner: t.owner } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: t.deployer, namespace: SYSTEM_NAMESPACE } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: t.deployer, namespace: t.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [{ kind: 'ServiceAccount', name: t.deployer, namespace: SYSTEM_NAMESPACE }],
      },
    ];
    for (const object of objects) await member.create(object);
  }
}

/** Every ConfigMap of a tenant namespace with its data and resourceVersion, to prove nothing changed. */
export async function tenantObjects(member: ObjectClient, namespace: string): Promise<Array<{ name: string; data: unknown; resourceVersion: string | undefined }>> {
  const { items } = await member.list<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace });
  return items
    .filter((i) => i.metadata.name !== 'kube-root-ca.crt')
    .map((i) => ({ name: i.metadata.name ?? '', data: i.data, resourceVersion: i.metadata.resourceVersion }))
    .sort((x, y) => x.name.localeCompare(y.name));
}
