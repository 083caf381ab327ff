/**
 * The kinds of src/api fit targeting's inputs as they are: a Bundle spec spreads into a
 * TargetBundle, a GitRepo spec into a TargetGitRepo, a GitRepoRestriction or a
 * BundleNamespaceMapping into their inputs. If a kind changes shape, this file stops compiling.
 */
import { describe, expect, it } from 'vitest';
import type { BundleSpec } from '../api/bundle.js';
import type { BundleNamespaceMappingFields } from '../api/bundle-namespace-mapping.js';
import type { ClusterGroupSpec } from '../api/cluster-group.js';
import type { GitRepoSpec } from '../api/git-repo.js';
import type { GitRepoRestrictionFields } from '../api/git-repo-restriction.js';
import type { TargetBundle } from './bundle-target.js';
import type { NamespaceMapping } from './namespace-mapping.js';
import { resolveTargets } from './resolve-targets.js';
import type { Restriction, TargetGitRepo } from './restriction.js';
import type { TargetGroup } from './target-cluster.js';

const spec: BundleSpec = {
  defaultNamespace: 'apps',
  helm: { values: { replicas: 1 } },
  managedNamespaces: [{ name: 'team-a', labels: { a: '1' }, roleAssignments: [{ role: 'Admin', kind: 'Group', name: 'devs' }] }],
  targets: [
    { name: 'eu', clusterSelector: { matchLabels: { region: 'eu' } }, helm: { values: { replicas: 3 } }, managedNamespaces: [{ name: 'team-a', labels: { b: '2' } }] },
    { name: 'default', clusterGroup: 'default' },
  ],
  targetRestrictions: [{ name: 'default', clusterGroup: 'default' }],
  dependsOn: [{ name: 'crds', acceptedStates: ['Ready'] }],
  rolloutStrategy: { maxUnavailable: '10%', partitions: [{ name: 'canary', clusterName: 'c1' }] },
};
const gitRepoSpec: GitRepoSpec = { repo: 'https://git.example.com/a.git', targetNamespace: 'apps', serviceAccount: 'deployer' };
const restriction: GitRepoRestrictionFields = { allowedTargetNamespaces: ['apps'], allowedServiceAccounts: ['deployer'] };
const mapping: BundleNamespaceMappingFields = { bundleSelector: {}, namespaceSelector: { matchLabels: { tier: 'tenant' } } };
const groupSpec: ClusterGroupSpec = { selector: {} };

describe('the kinds fit targeting', () => {
  it('a Bundle, GitRepo, GitRepoRestriction, BundleNamespaceMapping and ClusterGroup resolve as they are', () => {
    const bundle: TargetBundle = { name: 'app', namespace: 'ws', gitRepoName: 'repo', ...spec };
    const gitRepo: TargetGitRepo = { name: 'repo', namespace: 'ws', ...gitRepoSpec };
    const restrictions: Restriction[] = [{ name: 'r', namespace: 'ws', ...restriction }];
    const mappings: NamespaceMapping[] = [{ name: 'm', namespace: 'ws', ...mapping }];
    const groups: TargetGroup[] = [{ name: 'default', namespace: 'ws', labels: {}, ...groupSpec }];
    const [r] = resolveTargets({
      bundles: [bundle],
      gitRepos: [gitRepo],
      restrictions,
      mappings,
      groups,
      namespaces: [{ name: 'ws', labels: {} }],
      clusters: [{ name: 'c1', namespace: 'ws', labels: { region: 'eu' } }],
    });
    const [d] = r?.decisions ?? [];
    expect(d?.targeted && d.options).toMatchObject({
      defaultNamespace: 'apps',
      namespace: 'apps',
      serviceAccount: 'deployer',
      helm: { values: { replicas: 3 } },
      managedNamespaces: [{ name: 'team-a', labels: { a: '1', b: '2' } }],
    });
  });
});
