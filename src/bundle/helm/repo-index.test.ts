import { describe, expect, it } from 'vitest';
import { chartVersions, chooseVersion, indexUrl, type ChartVersionEntry } from './repo-index.js';

const INDEX = `apiVersion: v1
entries:
  web:
    - {version: 2.0.0-rc.1, urls: [charts/web-2.0.0-rc.1.tgz]}
    - {version: 1.10.0, urls: [charts/web-1.10.0.tgz], digest: abc}
    - {version: 1.9.3, urls: [https://cdn.example.org/web-1.9.3.tgz]}
    - {version: 1.2.0, urls: [web-1.2.0.tgz]}
    - {version: not-semver, urls: [x.tgz]}
  other:
    - {version: 0.1.0, urls: [other-0.1.0.tgz]}
`;
const repo = 'http://127.0.0.1:8080/stable';
const entries = chartVersions(INDEX, 'web', repo) as ChartVersionEntry[];

describe('chooseVersion', () => {
  const cases = [
    { name: 'no version takes the newest stable release, skipping pre-releases', range: undefined, want: '1.10.0' },
    { name: 'an exact version takes that version', range: '1.9.3', want: '1.9.3' },
    { name: 'a caret range takes the newest match', range: '^1.2.0', want: '1.10.0' },
    { name: 'a tilde range stays in its minor version', range: '~1.9.0', want: '1.9.3' },
    { name: 'a range with an upper bound respects it', range: '>=1.0.0 <1.9.0', want: '1.2.0' },
    { name: 'a wildcard range excludes pre-releases', range: '2.x', want: undefined },
    { name: 'a range naming a pre-release may take one', range: '>=2.0.0-rc.0', want: '2.0.0-rc.1' },
    { name: 'an exact pre-release version is taken as asked', range: '2.0.0-rc.1', want: '2.0.0-rc.1' },
  ];
  it.each(cases)('$name', ({ range, want }) => {
    const choice = chooseVersion(entries, range);
    if (want === undefined) expect(choice).toEqual({ kind: 'noVersion', available: ['2.0.0-rc.1', '1.10.0', '1.9.3', '1.2.0'] });
    else expect(choice).toMatchObject({ kind: 'found', entry: { version: want } });
  });

  it('a chart the index does not list is reported as such', () => {
    expect(chooseVersion(chartVersions(INDEX, 'missing', repo), '1.0.0')).toEqual({ kind: 'noChart' });
  });
});

describe('chartVersions', () => {
  const cases = [
    { name: 'a relative chart URL resolves against the repository, not its parent', version: '1.10.0', url: 'http://127.0.0.1:8080/stable/charts/web-1.10.0.tgz' },
    { name: 'an absolute chart URL on another host is kept as it is', version: '1.9.3', url: 'https://cdn.example.org/web-1.9.3.tgz' },
    { name: 'a bare file name resolves inside the repository', version: '1.2.0', url: 'http://127.0.0.1:8080/stable/web-1.2.0.tgz' },
  ];
  it.each(cases)('$name', ({ version, url }) => {
    expect(entries.find((e) => e.version === version)?.urls).toEqual([url]);
  });

  it('the index URL is index.yaml inside the repository, with or without a trailing slash', () => {
    expect(indexUrl('http://h/stable')).toBe('http://h/stable/index.yaml');
    expect(indexUrl('http://h/stable/')).toBe('http://h/stable/index.yaml');
  });
});
