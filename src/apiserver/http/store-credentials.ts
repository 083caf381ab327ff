/**
 * What the authenticator asks storage when it checks a ServiceAccount token: does the
 * ServiceAccount (and the Secret, for Secret tokens) still exist in this logical cluster, and
 * with which uid. An object already being deleted no longer vouches for its tokens.
 */
import type { CredentialLookup } from '../auth/tokens.js';
import { resourceKey } from '../resource-type.js';
import type { ObjectStore } from '../storage/object-store.js';

const SERVICE_ACCOUNTS = resourceKey('', 'serviceaccounts');
const SECRETS = resourceKey('', 'secrets');

export function storeCredentials(store: ObjectStore, cluster: string): CredentialLookup {
  const live = (resource: string, namespace: string, name: string) => {
    const obj = store.get(cluster, resource, namespace, name)?.obj;
    if (!obj?.metadata.uid || obj.metadata.deletionTimestamp) return undefined;
    return { uid: obj.metadata.uid };
  };
  return {
    serviceAccount: (namespace, name) => live(SERVICE_ACCOUNTS, namespace, name),
    secret: (namespace, name) => live(SECRETS, namespace, name),
  };
}
