/**
 * An informer index of Clusters and ClusterRegistrations by `<namespace>/<spec.clientID>`, so
 * a grant finds the member's own Cluster and its older registrations without walking every
 * object of the workspace: at 10,000 clusters those walks made each grant cost a scan of all
 * of them.
 */
import type { IndexFunc } from '../../kube/object-cache.js';
import type { KubeObject } from '../../api/meta.js';

export const CLIENT_ID_INDEX = 'flotilla.io/client-id';

/** The index value of a client ID in a namespace. */
export function clientIdKey(namespace: string, clientID: string): string {
  return `${namespace}/${clientID}`;
}

export function clientIdIndex<T extends KubeObject & { spec?: { clientID?: string } }>(): IndexFunc<T> {
  return (obj) => (obj.spec?.clientID ? [clientIdKey(obj.metadata.namespace ?? '', obj.spec.clientID)] : []);
}
