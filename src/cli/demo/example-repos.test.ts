import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoMembers } from './demo-objects.js';
import { exampleRepos, withDemoRepo } from './example-repos.js';

const root = mkdtempSync(join(tmpdir(), 'flotilla-example-repos-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const gitRepoYaml = 'apiVersion: flotilla.io/v1alpha1\nkind: GitRepo\nmetadata: {name: platform, namespace: fleet-default}\nspec:\n  repo: https://git.example.com/x.git\n  paths: [namespaces]\n  targets: [{clusterSelector: {matchLabels: {env: prod}}}]\n';

const cases: Array<{ name: string; files: Record<string, string>; expected: unknown[] }> = [
  {
    name: 'an example shipping hub/gitrepo.yaml becomes its own repository with that GitRepo',
    files: { 'platform/hub/gitrepo.yaml': gitRepoYaml, 'platform/namespaces/fleet.yaml': 'managedNamespaces: []\n', 'README.md': '# examples\n' },
    expected: [{ dir: 'platform', repoName: 'platform.git', gitRepoName: 'platform', paths: ['namespaces'] }],
  },
  {
    name: 'a folder without such an example is served whole with the demo’s GitRepo',
    files: { 'teams/fleet.yaml': 'managedNamespaces: [{name: team-a}]\n' },
    expected: [{ dir: '', repoName: '<folder>.git', gitRepoName: 'examples', paths: undefined }],
  },
];

describe('exampleRepos', () => {
  it.each(cases)('$name', ({ name, files, expected }) => {
    const dir = tree(name.replaceAll(/\W+/g, '-'), files);
    const repos = exampleRepos(dir).map((r) => {
      const g = r.gitRepo('http://127.0.0.1:1/r.git');
      return { dir: r.dir.slice(dir.length + 1), repoName: r.repoName.replace(`${dir.split('/').at(-1)!}.git`, '<folder>.git'), gitRepoName: g.metadata.name, paths: (g.spec as { paths?: string[] }).paths };
    });
    expect(repos).toEqual(expected);
  });

  it('a hub/gitrepo.yaml that is not a named GitRepo is refused naming the file', () => {
    const dir = tree('bad', { 'x/hub/gitrepo.yaml': 'kind: Bundle\n' });
    expect(() => exampleRepos(dir)).toThrow(/x\/hub\/gitrepo\.yaml: expected one GitRepo with a metadata.name/);
  });
});

describe('withDemoRepo', () => {
  it('points the example’s GitRepo at the demo server and polls often, keeping paths and targets', () => {
    const manifest = { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'p' }, spec: { repo: 'https://elsewhere/x.git', paths: ['a'], targets: [{ name: 't' }] } };
    expect(withDemoRepo(manifest, 'http://127.0.0.1:9/p.git').spec).toEqual({ repo: 'http://127.0.0.1:9/p.git', pollingInterval: '5s', paths: ['a'], targets: [{ name: 't' }] });
  });
});

describe('demoMembers', () => {
  it('names members member-<i>, the first env=staging and the rest env=prod, all labelled as demo members', () => {
    expect(demoMembers(3)).toEqual([
      { name: 'member-1', labels: { 'flotilla.io/demo': 'true', env: 'staging', region: 'eu' } },
      { name: 'member-2', labels: { 'flotilla.io/demo': 'true', env: 'prod', region: 'us' } },
      { name: 'member-3', labels: { 'flotilla.io/demo': 'true', env: 'prod', region: 'eu' } },
    ]);
  });
});
