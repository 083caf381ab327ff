import { describe, expect, it } from 'vitest';
import { gitRepoFromFlags, type GitRepoAddFlags } from './gitrepo-from-flags.js';

const accepted: { name: string; flags: GitRepoAddFlags; spec: unknown }[] = [
  { name: 'a repository alone follows the default branch of the root path', flags: { repo: 'https://git.example.com/team.git' }, spec: { repo: 'https://git.example.com/team.git' } },
  {
    name: 'a branch, paths, interval and secret are copied as given',
    flags: { repo: 'git@github.com:org/repo.git', branch: 'main', paths: ['apps', 'namespaces'], pollingInterval: '1m30s', clientSecretName: 'git-auth' },
    spec: { repo: 'git@github.com:org/repo.git', branch: 'main', paths: ['apps', 'namespaces'], pollingInterval: '1m30s', clientSecretName: 'git-auth' },
  },
  {
    name: 'target selectors become one cluster selector that all of them must match',
    flags: { repo: 'https://h/r.git', targetClusterSelector: ['env=prod', 'tier in (web,api)'] },
    spec: { repo: 'https://h/r.git', targets: [{ clusterSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] } }] },
  },
  { name: 'a revision pins a commit', flags: { repo: 'file:///srv/repo', revision: 'v1.2.0' }, spec: { repo: 'file:///srv/repo', revision: 'v1.2.0' } },
];

const refused: { name: string; repoName?: string; flags: GitRepoAddFlags; message: string }[] = [
  { name: 'an upper-case name is refused naming the name', repoName: 'Web', flags: { repo: 'https://h/r.git' }, message: 'gitrepo name "Web"' },
  { name: 'a URL without a scheme is refused naming --repo', flags: { repo: 'not a url' }, message: '--repo not a url' },
  { name: 'a branch and a revision together are refused', flags: { repo: 'https://h/r.git', branch: 'main', revision: 'abc' }, message: '--branch and --revision' },
  { name: 'a polling interval without a unit is refused', flags: { repo: 'https://h/r.git', pollingInterval: '15' }, message: '--polling-interval 15' },
  { name: 'a path leaving the repository is refused', flags: { repo: 'https://h/r.git', paths: ['../etc'] }, message: '--paths ../etc' },
  { name: 'a malformed selector is refused naming the flag', flags: { repo: 'https://h/r.git', targetClusterSelector: ['env in prod'] }, message: '--target-cluster-selector env in prod' },
  { name: 'a numeric comparison is refused in a cluster selector', flags: { repo: 'https://h/r.git', targetClusterSelector: ['size>3'] }, message: 'supports =, !=, in, notin' },
];

describe('gitRepoFromFlags', () => {
  it.each(accepted)('$name', ({ flags, spec }) => {
    const repo = gitRepoFromFlags('web', 'fleet-default', flags);
    expect(repo).toMatchObject({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'web', namespace: 'fleet-default' } });
    expect(repo.spec).toEqual(spec);
  });

  it.each(refused)('$name', ({ repoName, flags, message }) => {
    expect(() => gitRepoFromFlags(repoName ?? 'web', 'fleet-default', flags)).toThrow(message);
  });
});
