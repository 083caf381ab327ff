/**
 * The hub's ClusterRoles for managed namespaces, as data, created when the controller starts:
 * - `flotilla:managed-namespace-contributor` may create, update and delete ManagedNamespaces
 *   (Fleet Manager's Namespace Contributor), and read them;
 * - `flotilla:managed-namespace-user` may read them (Namespace User).
 * An admin delegates who may manage namespaces with a RoleBinding to one of them in a
 * workspace. The member roles (Reader, Writer, Admin) are installed on the hub too, so the
 * role bindings the hub's copy of a namespace carries grant there what they grant on members.
 */
import type { KubeObject } from '../../api/meta.js';
import { GROUP } from '../../api/group.js';
import { memberClusterRoles } from '../../bundle/index.js';

export const CONTRIBUTOR_ROLE = 'flotilla:managed-namespace-contributor';
export const USER_ROLE = 'flotilla:managed-namespace-user';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];

function clusterRole(name: string, verbs: string[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'flotilla.io/hub-role': name.slice(name.indexOf(':') + 1) } },
    rules: [
      { apiGroups: [GROUP], resources: ['managednamespaces'], verbs },
      { apiGroups: [GROUP], resources: ['managednamespaces/status'], verbs: ['get'] },
    ],
  };
}

export function hubClusterRoles(): KubeObject[] {
  return [clusterRole(CONTRIBUTOR_ROLE, [...READ, ...WRITE]), clusterRole(USER_ROLE, [...READ]), ...memberClusterRoles()];
}
