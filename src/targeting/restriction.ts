/**
 * GitRepoRestriction: what a workspace's GitRepos may do. All restrictions of a workspace are
 * combined as Fleet combines them (in name order: the first non-empty default wins, allow
 * lists are joined), defaults are applied before checking, and every refusal names the field
 * and says why. An empty allow list allows anything; a workspace without restrictions is
 * unrestricted, as in Fleet.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../api/meta.js';
import type { BundleOptions } from './bundle-options.js';
import type { GitTarget } from './bundle-target.js';

/** A GitRepoRestriction (fields at the top level, as in Fleet). */
export interface Restriction {
  readonly name: string;
  readonly namespace: string;
  readonly defaultServiceAccount?: string;
  readonly allowedServiceAccounts?: readonly string[];
  readonly allowedRepoPatterns?: readonly string[];
  readonly defaultClientSecretName?: string;
  readonly allowedClientSecretNames?: readonly string[];
  readonly allowedTargetNamespaces?: readonly string[];
  /** The target namespace must carry labels this selects; the agent checks it on the member. */
  readonly allowedTargetNamespaceSelector?: LabelSelector;
  /** Flotilla's own: managed namespaces may grant the ClusterAdmin role only when a restriction allows it. */
  readonly allowClusterAdminRoleAssignments?: boolean;
}

/** The GitRepo fields targeting reads. */
export interface TargetGitRepo {
  readonly name: string;
  readonly namespace: string;
  readonly repo: string;
  readonly targets?: readonly GitTarget[];
  readonly serviceAccount?: string;
  readonly targetNamespace?: string;
  readonly clientSecretName?: string;
}

export interface CombinedRestriction {
  readonly names: readonly string[];
  readonly defaultServiceAccount?: string;
  readonly defaultClientSecretName?: string;
  readonly allowedServiceAccounts: readonly string[];
  readonly allowedRepoPatterns: readonly string[];
  readonly allowedClientSecretNames: readonly string[];
  readonly allowedTargetNamespaces: readonly string[];
  /** Every restriction's namespace selector AND-ed into one. */
  readonly allowedTargetNamespaceSelector?: LabelSelector;
  readonly allowClusterAdminRoleAssignments: boolean;
}

/** One selector requiring all of `selectors` (matchLabels become In expressions, so nothing is overwritten). */
function allOf(selectors: readonly LabelSelector[]): LabelSelector | undefined {
  if (selectors.length === 0) return undefined;
  const matchExpressions: LabelSelectorRequirement[] = selectors.flatMap((s) => [
    ...Object.entries(s.matchLabels ?? {}).map(([key, value]): LabelSelectorRequirement => ({ key, operator: 'In', values: [value] })),
    ...(s.matchExpressions ?? []),
  ]);
  return { matchExpressions };
}

export interface RestrictionRefusal {
  readonly field: string;
  readonly message: string;
}

/** The restrictions of one workspace combined; undefined when it has none. */
export function combineRestrictions(restrictions: readonly Restriction[], workspace: string): CombinedRestriction | undefined {
  const own = restrictions.filter((r) => r.namespace === workspace).sort((a, b) => a.name.localeCompare(b.name));
  if (own.length === 0) return undefined;
  const join = (pick: (r: Restriction) => readonly string[] | undefined): string[] => own.flatMap((r) => pick(r) ?? []);
  const defaultServiceAccount = own.find((r) => r.defaultServiceAccount)?.defaultServiceAccount;
  const defaultClientSecretName = own.find((r) => r.defaultClientSecretName)?.defaultClientSecretName;
  const allowedTargetNamespaceSelector = allOf(own.flatMap((r) => (r.allowedTargetNamespaceSelector ? [r.allowedTargetNamespaceSelector] : [])));
  return {
    names: own.map((r) => r.name),
    ...(defaultServiceAccount ? { defaultServiceAccount } : {}),
    ...(defaultClientSecretName ? { defaultClientSecretName } : {}),
    allowedServiceAccounts: join((r) => r.allowedServiceAccounts),
    allowedRepoPatterns: join((r) => r.allowedRepoPatterns),
    allowedClientSecretNames: join((r) => r.allowedClientSecretNames),
    allowedTargetNamespaces: join((r) => r.allowedTargetNamespaces),
    ...(allowedTargetNamespaceSelector ? { allowedTargetNamespaceSelector } : {}),
    allowClusterAdminRoleAssignments: own.some((r) => r.allowClusterAdminRoleAssignments === true),
  };
}

/** Exact match, or an unanchored regular expression match (Fleet's rule); an invalid pattern only matches exactly. */
export function matchesPattern(value: string, pattern: string): boolean {
  if (value === pattern) return true;
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

export type GitRepoCheck =
  | { readonly allowed: true; readonly serviceAccount?: string; readonly clientSecretName?: string }
  | { readonly allowed: false; readonly refusal: RestrictionRefusal };

function refuse(field: string, message: string, combined: CombinedRestriction): GitRepoCheck {
  return { allowed: false, refusal: { field, message: `${message} (GitRepoRestriction ${combined.names.join(', ')})` } };
}

/** Applies the defaults of a workspace's restrictions to a GitRepo, then checks it against them. */
export function checkGitRepo(gitRepo: TargetGitRepo, restrictions: readonly Restriction[]): GitRepoCheck {
  const combined = combineRestrictions(restrictions, gitRepo.namespace);
  if (!combined) return withValues(gitRepo.serviceAccount, gitRepo.clientSecretName);
  const serviceAccount = gitRepo.serviceAccount || combined.defaultServiceAccount;
  const clientSecretName = gitRepo.clientSecretName || combined.defaultClientSecretName;
  const { allowedServiceAccounts: sas, allowedRepoPatterns: repos, allowedClientSecretNames: secrets } = combined;
  if (serviceAccount && sas.length > 0 && !sas.includes(serviceAccount))
    return refuse('serviceAccount', `service account "${serviceAccount}" is not one of the allowed ${sas.join(', ')}`, combined);
  if (repos.length > 0 && !repos.some((p) => matchesPattern(gitRepo.repo, p)))
    return refuse('repo', `repository "${gitRepo.repo}" matches none of the allowed patterns ${repos.join(', ')}`, combined);
  if (clientSecretName && secrets.length > 0 && !secrets.some((p) => matchesPattern(clientSecretName, p)))
    return refuse('clientSecretName', `client secret "${clientSecretName}" is not one of the allowed ${secrets.join(', ')}`, combined);
  const namespaceRefusal = checkTargetNamespace(gitRepo.targetNamespace, combined);
  if (namespaceRefusal) return { allowed: false, refusal: namespaceRefusal };
  return withValues(serviceAccount, clientSecretName);
}

function withValues(serviceAccount: string | undefined, clientSecretName: string | undefined): GitRepoCheck {
  return { allowed: true, ...(serviceAccount ? { serviceAccount } : {}), ...(clientSecretName ? { clientSecretName } : {}) };
}

function checkTargetNamespace(targetNamespace: string | undefined, combined: CombinedRestriction): RestrictionRefusal | undefined {
  const allowed = combined.allowedTargetNamespaces;
  const bySelector = combined.allowedTargetNamespaceSelector !== undefined;
  if (allowed.length === 0 && !bySelector) return undefined;
  const suffix = ` (GitRepoRestriction ${combined.names.join(', ')})`;
  if (!targetNamespace) {
    const which = allowed.length > 0 ? `, one of ${allowed.join(', ')}` : ', in a namespace allowedTargetNamespaceSelector selects';
    return { field: 'targetNamespace', message: `a targetNamespace is required${which}${suffix}` };
  }
  if (allowed.length > 0 && !allowed.includes(targetNamespace))
    return { field: 'targetNamespace', message: `target namespace "${targetNamespace}" is not one of the allowed ${allowed.join(', ')}${suffix}` };
  return undefined;
}

/**
 * Checks the options resolved for one cluster: a customization may change the service
 * account, the forced namespace (`namespace`, where the GitRepo's targetNamespace lands) or
 * the roles of a managed namespace, so what a GitRepo was allowed is checked again on what
 * will actually be deployed.
 */
export function checkOptions(options: BundleOptions, combined: CombinedRestriction | undefined): RestrictionRefusal | undefined {
  // ClusterAdmin grants a whole member cluster: refused unless a restriction allows it, also
  // in a workspace with no restriction at all (as the ManagedNamespace controller refuses it).
  const clusterAdmin = clusterAdminRefusal(options, combined);
  if (clusterAdmin || !combined) return clusterAdmin;
  const suffix = ` (GitRepoRestriction ${combined.names.join(', ')})`;
  const sas = combined.allowedServiceAccounts;
  if (options.serviceAccount && sas.length > 0 && !sas.includes(options.serviceAccount))
    return { field: 'serviceAccount', message: `service account "${options.serviceAccount}" is not one of the allowed ${sas.join(', ')}${suffix}` };
  return checkTargetNamespace(options.namespace, combined);
}

function clusterAdminRefusal(options: BundleOptions, combined: CombinedRestriction | undefined): RestrictionRefusal | undefined {
  if (combined?.allowClusterAdminRoleAssignments) return undefined;
  const granting = (options.managedNamespaces ?? []).find((ns) => (ns.roleAssignments ?? []).some((r) => r.role === 'ClusterAdmin'));
  if (!granting) return undefined;
  const suffix = combined ? ` (GitRepoRestriction ${combined.names.join(', ')})` : ' (no GitRepoRestriction in the workspace)';
  return {
    field: 'managedNamespaces.roleAssignments',
    message: `managed namespace "${granting.name}" grants ClusterAdmin, which no restriction allows (allowClusterAdminRoleAssignments)${suffix}`,
  };
}
