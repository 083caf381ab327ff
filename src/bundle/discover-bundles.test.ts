import { describe, expect, it } from 'vitest';
import { discoverBundles } from './discover-bundles.js';
import { decodeResources } from './bundle-resources.js';

function files(paths: Record<string, string>): Array<{ path: string; content: Buffer }> {
  return Object.entries(paths).map(([path, text]) => ({ path, content: Buffer.from(text) }));
}

const repo = files({
  'README.md': '# repo',
  'apps/web/fleet.yaml': 'defaultNamespace: web\n',
  'apps/web/deploy.yaml': 'kind: ConfigMap',
  'apps/web/sub/more.yaml': 'kind: ConfigMap',
  'apps/web/nested/fleet.yaml': 'name: nested-override\n',
  'apps/web/nested/cm.yaml': 'kind: ConfigMap',
  'apps/api/api.yaml': 'kind: ConfigMap',
  'apps/api/.hidden.yaml': 'kind: ConfigMap',
  'raw/one.yaml': 'kind: ConfigMap',
  'raw/deep/two.yaml': 'kind: ConfigMap',
  'ignored/.fleetignore': '*.md\nsecret/\n',
  'ignored/app.yaml': 'kind: ConfigMap',
  'ignored/notes.md': 'x',
  'ignored/secret/key.yaml': 'x',
  'ignored/keep/readme.md': 'x',
});

describe('discoverBundles', () => {
  const cases = [
    {
      name: 'a path without any fleet.yaml below is one bundle with all its files',
      paths: ['raw'],
      expected: [{ name: 'repo-raw', path: 'raw', files: ['deep/two.yaml', 'one.yaml'] }],
    },
    {
      name: 'every directory with a fleet.yaml is a bundle root; subdirectories without one belong to the nearest root',
      paths: ['apps/web'],
      expected: [
        { name: 'repo-apps-web', path: 'apps/web', files: ['deploy.yaml', 'fleet.yaml', 'sub/more.yaml'] },
        { name: 'nested-override', path: 'apps/web/nested', files: ['cm.yaml', 'fleet.yaml'] },
      ],
    },
    {
      name: 'a glob matches several directories, each scanned on its own; hidden files are left out',
      paths: ['apps/*'],
      expected: [
        { name: 'repo-apps-api', path: 'apps/api', files: ['api.yaml'] },
        { name: 'repo-apps-web', path: 'apps/web', files: ['deploy.yaml', 'fleet.yaml', 'sub/more.yaml'] },
        { name: 'nested-override', path: 'apps/web/nested', files: ['cm.yaml', 'fleet.yaml'] },
      ],
    },
    {
      name: '.fleetignore leaves out matching files and directories below it',
      paths: ['/ignored/'],
      expected: [{ name: 'repo-ignored', path: 'ignored', files: ['app.yaml'] }],
    },
    {
      name: 'the default path is the root; with fleet.yaml files below, only their directories are bundles',
      paths: [],
      expected: [
        { name: 'repo-apps-web', path: 'apps/web', files: ['deploy.yaml', 'fleet.yaml', 'sub/more.yaml'] },
        { name: 'nested-override', path: 'apps/web/nested', files: ['cm.yaml', 'fleet.yaml'] },
      ],
    },
  ];
  it.each(cases)('$name', ({ paths, expected }) => {
    const result = discoverBundles({ gitRepoName: 'repo', paths, files: repo });
    expect(result.failures).toEqual([]);
    expect(result.bundles.map((b) => ({ name: b.name, path: b.path, files: b.files.map((f) => f.path) }))).toEqual(expected);
  });

  it('a repository without fleet.yaml at the default path is one bundle named after the GitRepo', () => {
    const result = discoverBundles({ gitRepoName: 'plain', files: files({ 'a.yaml': 'x', 'b/c.yaml': 'y' }) });
    expect(result.bundles.map((b) => [b.name, b.path])).toEqual([['plain', '.']]);
  });

  it('a path that matches nothing is reported', () => {
    expect(discoverBundles({ gitRepoName: 'repo', paths: ['nope', 'x/*'], files: repo }).unmatchedPaths).toEqual(['nope', 'x/*']);
  });

  it('a broken fleet.yaml fails only its own bundle, naming the file and line', () => {
    const broken = files({ 'a/fleet.yaml': 'defaultNamespace: a\nbogus: 1\n', 'a/x.yaml': 'x', 'b/fleet.yaml': '', 'b/y.yaml': 'y' });
    const result = discoverBundles({ gitRepoName: 'repo', files: broken });
    expect(result.bundles.map((b) => b.name)).toEqual(['repo-b']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ name: 'repo-a', path: 'a' });
    expect(result.failures[0]?.error).toMatchObject({ reason: 'UnknownField', file: 'a/fleet.yaml', line: 2, field: 'bogus' });
  });

  it('two bundles resolving to one name: the second fails as a duplicate', () => {
    const dup = files({ 'a/fleet.yaml': 'name: same\n', 'b/fleet.yaml': 'name: same\n' });
    const result = discoverBundles({ gitRepoName: 'repo', files: dup });
    expect(result.bundles.map((b) => b.path)).toEqual(['a']);
    expect(result.failures[0]?.error.reason).toBe('DuplicateBundle');
  });

  it('large files are stored compressed in the resources and decode back to the same bytes', () => {
    const big = 'x: '.padEnd(10_000, 'y');
    const result = discoverBundles({ gitRepoName: 'repo', files: files({ 'big.yaml': big, 'small.yaml': 'a: b' }) });
    const resources = result.bundles[0]?.resources ?? [];
    expect(resources.map((r) => [r.name, r.encoding])).toEqual([['big.yaml', 'base64+gz'], ['small.yaml', undefined]]);
    expect(decodeResources(resources).map((f) => f.content.toString())).toEqual([big, 'a: b']);
  });

  it('unsupported fleet.yaml keys travel with the bundle as findings', () => {
    const result = discoverBundles({ gitRepoName: 'repo', files: files({ 'fleet.yaml': 'imageScans:\n  - image: x\n', 'a.yaml': 'a' }) });
    expect(result.bundles[0]?.findings).toMatchObject([{ field: 'imageScans', file: 'fleet.yaml', line: 1 }]);
  });
});
