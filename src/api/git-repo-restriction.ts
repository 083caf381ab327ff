/**
 * GitRepoRestriction: what the GitRepos and ManagedNamespaces of a workspace may do —
 * repositories, service accounts, credentials and target namespaces — and whether a
 * ManagedNamespace may grant ClusterAdmin. Fields sit at the top level, without a spec, as
 * in Fleet. All restrictions of a workspace combine (sorted by name).
 */
import { labelNameSchema, labelSelector, nameSet, objectName } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { LabelSelector } from './meta.js';
import { boolean, set, string } from './schema-builders.js';

export interface GitRepoRestrictionFields {
  defaultServiceAccount?: string;
  allowedServiceAccounts?: string[];
  /** Exact repository URLs or regular expressions. */
  allowedRepoPatterns?: string[];
  defaultClientSecretName?: string;
  allowedClientSecretNames?: string[];
  allowedTargetNamespaces?: string[];
  allowedTargetNamespaceSelector?: LabelSelector;
  /** A ManagedNamespace role assignment `ClusterAdmin` is refused unless this is true. */
  allowClusterAdminRoleAssignments?: boolean;
}

export type GitRepoRestriction = FlotillaObject<'GitRepoRestriction', GitRepoRestrictionFields>;

export const gitRepoRestrictionCrd = defineCrd({
  kind: 'GitRepoRestriction',
  plural: 'gitreporestrictions',
  shortNames: ['grr'],
  scope: 'Namespaced',
  description: 'What the GitRepos and ManagedNamespaces of this workspace may do.',
  name: labelNameSchema,
  properties: {
    defaultServiceAccount: objectName('Service account used when a GitRepo sets none.'),
    allowedServiceAccounts: nameSet('Service accounts a GitRepo may use; empty allows any.'),
    allowedRepoPatterns: set(string(), 'Repository URLs or regular expressions allowed; empty allows any.'),
    defaultClientSecretName: objectName('Git credentials used when a GitRepo sets none.'),
    allowedClientSecretNames: nameSet('Git credential Secrets a GitRepo may use; empty allows any.'),
    allowedTargetNamespaces: nameSet('When set, GitRepos must set targetNamespace to one of these.'),
    allowedTargetNamespaceSelector: labelSelector('When set, the target namespace must carry matching labels.'),
    allowClusterAdminRoleAssignments: boolean('Allow ManagedNamespaces to grant ClusterAdmin (default false).'),
  },
  printerColumns: [
    { name: 'Default-ServiceAccount', type: 'string', jsonPath: '.defaultServiceAccount' },
    { name: 'ClusterAdmin-Allowed', type: 'boolean', jsonPath: '.allowClusterAdminRoleAssignments' },
  ],
});
