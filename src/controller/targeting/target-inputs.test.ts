import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { Cluster } from '../../api/cluster.js';
import type { GitRepo } from '../../api/git-repo.js';
import { toRestriction, toTargetBundle, toTargetCluster, toTargetGitRepo } from './target-inputs.js';

describe('target inputs', () => {
  it('a Bundle keeps its targeting fields, labels, GitRepo and age, and leaves its source files out', () => {
    const bundle: Bundle = {
      apiVersion: 'flotilla.io/v1alpha1',
      kind: 'Bundle',
      metadata: { name: 'app', namespace: 'ws', labels: { 'flotilla.io/repo-name': 'repo' }, creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { resources: [{ name: 'a.yaml', content: 'x' }], targets: [{ clusterName: 'c' }], defaultNamespace: 'apps' },
    };
    expect(toTargetBundle(bundle)).toEqual({
      name: 'app',
      namespace: 'ws',
      labels: { 'flotilla.io/repo-name': 'repo' },
      creationTimestamp: '2026-01-01T00:00:00Z',
      gitRepoName: 'repo',
      targets: [{ clusterName: 'c' }],
      defaultNamespace: 'apps',
    });
  });

  const clusters = [
    { name: 'a paused Cluster is paused', spec: { paused: true }, labels: { env: 'prod' }, want: { name: 'c', namespace: 'ws', labels: { env: 'prod' }, paused: true } },
    { name: 'a Cluster without labels has empty labels', spec: {}, labels: undefined, want: { name: 'c', namespace: 'ws', labels: {} } },
  ];
  it.each(clusters)('$name', ({ spec, labels, want }) => {
    const cluster: Cluster = { apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', metadata: { name: 'c', namespace: 'ws', ...(labels ? { labels } : {}) }, spec };
    expect(toTargetCluster(cluster)).toEqual(want);
  });

  it('a GitRepo keeps only what targeting reads', () => {
    const gitRepo: GitRepo = { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'r', namespace: 'ws' }, spec: { repo: 'https://x', branch: 'main', targetNamespace: 'apps' } };
    expect(toTargetGitRepo(gitRepo)).toEqual({ name: 'r', namespace: 'ws', repo: 'https://x', targetNamespace: 'apps' });
  });

  it('a GitRepoRestriction keeps its top-level fields', () => {
    expect(toRestriction({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepoRestriction', metadata: { name: 'r', namespace: 'ws' }, allowedServiceAccounts: ['sa'] })).toEqual({
      name: 'r',
      namespace: 'ws',
      allowedServiceAccounts: ['sa'],
    });
  });
});
