import { describe, expect, it } from 'vitest';
import type { BundleOptions } from './bundle-options.js';
import { checkGitRepo, checkOptions, combineRestrictions, matchesPattern, type Restriction, type TargetGitRepo } from './restriction.js';

const repo: TargetGitRepo = { name: 'apps', namespace: 'team-a', repo: 'https://git.example.com/team-a/apps.git' };
const r = (fields: Partial<Restriction>, name = 'r'): Restriction => ({ name, namespace: 'team-a', ...fields });

describe('checkGitRepo', () => {
  const cases: { name: string; gitRepo?: Partial<TargetGitRepo>; restrictions: Restriction[]; field?: string; serviceAccount?: string; clientSecretName?: string }[] = [
    { name: 'a workspace without restrictions allows anything', restrictions: [] },
    { name: 'a restriction of another workspace does not apply', restrictions: [{ ...r({ allowedRepoPatterns: ['nothing'] }), namespace: 'team-b' }] },
    { name: 'the default service account fills an empty one', restrictions: [r({ defaultServiceAccount: 'tenant' })], serviceAccount: 'tenant' },
    { name: 'the first default in name order wins', restrictions: [r({ defaultServiceAccount: 'second' }, 'b'), r({ defaultServiceAccount: 'first' }, 'a')], serviceAccount: 'first' },
    { name: 'an allowed service account passes', gitRepo: { serviceAccount: 'deployer' }, restrictions: [r({ allowedServiceAccounts: ['deployer'] })], serviceAccount: 'deployer' },
    { name: 'a service account not allowed is refused', gitRepo: { serviceAccount: 'root' }, restrictions: [r({ allowedServiceAccounts: ['deployer'] })], field: 'serviceAccount' },
    { name: 'allow lists of several restrictions are joined', gitRepo: { serviceAccount: 'b' }, restrictions: [r({ allowedServiceAccounts: ['a'] }, 'x'), r({ allowedServiceAccounts: ['b'] }, 'y')], serviceAccount: 'b' },
    { name: 'a default service account is itself checked against the allow list', restrictions: [r({ defaultServiceAccount: 'root', allowedServiceAccounts: ['deployer'] })], field: 'serviceAccount' },
    { name: 'a repository matching an exact pattern passes', restrictions: [r({ allowedRepoPatterns: ['https://git.example.com/team-a/apps.git'] })] },
    { name: 'a repository matching a regular expression passes', restrictions: [r({ allowedRepoPatterns: ['^https://git\\.example\\.com/team-a/'] })] },
    { name: 'a repository matching no pattern is refused', restrictions: [r({ allowedRepoPatterns: ['^https://git\\.example\\.com/team-b/'] })], field: 'repo' },
    { name: 'an invalid pattern only matches exactly', restrictions: [r({ allowedRepoPatterns: ['(('] })], field: 'repo' },
    { name: 'a client secret not allowed is refused', gitRepo: { clientSecretName: 'admin-creds' }, restrictions: [r({ allowedClientSecretNames: ['team-a-.*'] })], field: 'clientSecretName' },
    { name: 'the default client secret fills an empty one', restrictions: [r({ defaultClientSecretName: 'team-a-git', allowedClientSecretNames: ['team-a-.*'] })], clientSecretName: 'team-a-git' },
    { name: 'allowed target namespaces require a target namespace', restrictions: [r({ allowedTargetNamespaces: ['team-a-apps'] })], field: 'targetNamespace' },
    { name: 'a target namespace outside the allowed ones is refused', gitRepo: { targetNamespace: 'kube-system' }, restrictions: [r({ allowedTargetNamespaces: ['team-a-apps'] })], field: 'targetNamespace' },
    { name: 'an allowed target namespace passes', gitRepo: { targetNamespace: 'team-a-apps' }, restrictions: [r({ allowedTargetNamespaces: ['team-a-apps'] })] },
    { name: 'a target namespace selector requires a target namespace', restrictions: [r({ allowedTargetNamespaceSelector: { matchLabels: { tenant: 'a' } } })], field: 'targetNamespace' },
  ];
  it.each(cases)('$name', ({ gitRepo, restrictions, field, serviceAccount, clientSecretName }) => {
    const result = checkGitRepo({ ...repo, ...gitRepo }, restrictions);
    if (field) {
      expect(result.allowed).toBe(false);
      if (!result.allowed) {
        expect(result.refusal.field).toBe(field);
        expect(result.refusal.message).toMatch(/GitRepoRestriction/);
      }
      return;
    }
    expect(result).toEqual({ allowed: true, ...(serviceAccount ? { serviceAccount } : {}), ...(clientSecretName ? { clientSecretName } : {}) });
  });
});

describe('checkOptions', () => {
  const clusterAdmin: BundleOptions = { managedNamespaces: [{ name: 'ns', roleAssignments: [{ role: 'ClusterAdmin', kind: 'User', name: 'u' }] }] };
  const cases: { name: string; options: BundleOptions; restrictions: Restriction[]; field?: string }[] = [
    { name: 'no restriction allows ordinary options', options: { serviceAccount: 'any', namespace: 'any' }, restrictions: [] },
    { name: 'a ClusterAdmin role assignment is refused in a workspace without any restriction', options: clusterAdmin, restrictions: [], field: 'managedNamespaces.roleAssignments' },
    { name: 'a ClusterAdmin role assignment is refused unless a restriction allows it', options: clusterAdmin, restrictions: [r({})], field: 'managedNamespaces.roleAssignments' },
    { name: 'a ClusterAdmin role assignment passes when a restriction allows it', options: clusterAdmin, restrictions: [r({}, 'a'), r({ allowClusterAdminRoleAssignments: true }, 'b')] },
    { name: 'an Admin role assignment needs no permission', options: { managedNamespaces: [{ name: 'ns', roleAssignments: [{ role: 'Admin', kind: 'Group', name: 'devs' }] }] }, restrictions: [r({})] },
    { name: 'a resolved service account outside the allowed ones is refused', options: { serviceAccount: 'root' }, restrictions: [r({ allowedServiceAccounts: ['deployer'] })], field: 'serviceAccount' },
    { name: 'a resolved forced namespace outside the allowed ones is refused', options: { namespace: 'other' }, restrictions: [r({ allowedTargetNamespaces: ['apps'] })], field: 'targetNamespace' },
    { name: 'a namespace selector requires a forced namespace', options: {}, restrictions: [r({ allowedTargetNamespaceSelector: { matchLabels: { tenant: 'a' } } })], field: 'targetNamespace' },
  ];
  it.each(cases)('$name', ({ options, restrictions, field }) => {
    expect(checkOptions(options, combineRestrictions(restrictions, 'team-a'))?.field).toBe(field);
  });
});

describe('combineRestrictions', () => {
  it('ANDs the namespace selectors of all restrictions into one, keeping every label requirement', () => {
    const combined = combineRestrictions(
      [r({ allowedTargetNamespaceSelector: { matchLabels: { tenant: 'a' } } }, 'x'), r({ allowedTargetNamespaceSelector: { matchLabels: { tenant: 'b' }, matchExpressions: [{ key: 'env', operator: 'Exists' }] } }, 'y')],
      'team-a',
    );
    expect(combined?.allowedTargetNamespaceSelector).toEqual({
      matchExpressions: [
        { key: 'tenant', operator: 'In', values: ['a'] },
        { key: 'tenant', operator: 'In', values: ['b'] },
        { key: 'env', operator: 'Exists' },
      ],
    });
  });
});

describe('matchesPattern', () => {
  it.each([
    { name: 'an exact string matches', value: 'a.b', pattern: 'a.b', want: true },
    { name: 'a regular expression is unanchored', value: 'xx-team-a-yy', pattern: 'team-a', want: true },
    { name: 'an anchored expression must match at the start', value: 'xx-team-a', pattern: '^team-a', want: false },
  ])('$name', ({ value, pattern, want }) => {
    expect(matchesPattern(value, pattern)).toBe(want);
  });
});
