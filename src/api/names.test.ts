import { describe, expect, it } from 'vitest';
import {
  bundleName,
  clusterNameForClientId,
  clusterNamespaceName,
  isDns1123Label,
  keyHash,
  limitName,
  safeConcatName,
  safeName,
} from './names.js';

const long = (c: string, n: number): string => c.repeat(n);

describe('bundleName', () => {
  const cases = [
    { name: 'joins the repo and path with dashes (Fleet docs example)', repo: 'one', path: '/multi-cluster/hello-world', want: 'one-multi-cluster-hello-world' },
    { name: 'the root path names the bundle after the repo alone', repo: 'one', path: '/', want: 'one' },
    { name: 'a dot path names the bundle after the repo alone', repo: 'one', path: '.', want: 'one' },
    { name: 'leading ./ and trailing slashes vanish', repo: 'one', path: './a/b/', want: 'one-a-b' },
    { name: 'upper case and underscores are cleaned and get an md5 suffix', repo: 'My_Repo', path: 'apps/Web', want: 'my-repo-apps-web-873a0bc0' },
    { name: 'a name past 53 characters is cut to 47 plus a 5-hex suffix', repo: 'r', path: long('x', 80), want: `r-${long('x', 45)}-170d2` },
    { name: 'input with nothing usable falls back to a checksum', repo: '--', path: '..', want: '5058f1af' },
  ];
  it.each(cases)('$name', ({ repo, path, want }) => {
    const got = bundleName(repo, path);
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(53);
    expect(isDns1123Label(got)).toBe(true);
  });
});

describe('limitName', () => {
  const cases = [
    { name: 'a short name is kept', s: 'abc', max: 53, want: 'abc' },
    { name: 'a long name is cut with a dash and 5 hex', s: long('a', 60), max: 53, want: `${long('a', 47)}-${limitName(long('a', 60), 53).slice(-5)}` },
    { name: 'a cut that ends on a dash does not double it', s: `${long('a', 46)}-${long('b', 20)}`, max: 53, want: `${long('a', 46)}-af63e` },
    { name: 'a limit too small for a hash simply truncates', s: 'abcdefgh', max: 4, want: 'abcd' },
  ];
  it.each(cases)('$name', ({ s, max, want }) => {
    expect(limitName(s, max)).toBe(want);
  });
});

describe('clusterNamespaceName', () => {
  const cases = [
    { name: 'matches the example in Fleet’s cluster controller', ws: 'fleet-local', cluster: 'cluster-294db1acfa77', want: 'cluster-fleet-local-cluster-294db1acfa77-d9ccf852678f' },
    { name: 'hashes workspace::cluster into 12 hex digits', ws: 'fleet-default', cluster: 'prod', want: `cluster-fleet-default-prod-${keyHash('fleet-default::prod')}` },
    { name: 'a name past 63 characters is shortened with a sha256 suffix', ws: 'fleet-default', cluster: long('a', 60), want: `cluster-fleet-default-${long('a', 35)}-bc466` },
  ];
  it.each(cases)('$name', ({ ws, cluster, want }) => {
    const got = clusterNamespaceName(ws, cluster);
    expect(got).toBe(want);
    expect(isDns1123Label(got)).toBe(true);
  });

  it('is deterministic, so a re-created Cluster finds its namespace again', () => {
    expect(clusterNamespaceName('w', 'c')).toBe(clusterNamespaceName('w', 'c'));
    expect(clusterNamespaceName('w', 'c')).not.toBe(clusterNamespaceName('w', 'd'));
  });
});

describe('safeConcatName', () => {
  const cases = [
    { name: 'short parts are joined with dashes', parts: ['a', 'b', 'c'], wantLength: 5 },
    { name: 'a join of exactly 63 characters is kept', parts: [long('a', 61), 'b'], wantLength: 63 },
    { name: 'a join of 64 characters keeps 57 and adds 5 hex', parts: [long('a', 62), 'b'], wantLength: 63 },
    { name: 'when the 57th character is a dash it keeps 56 and adds 6 hex', parts: [long('a', 56), long('b', 20)], wantLength: 63 },
  ];
  it.each(cases)('$name', ({ parts, wantLength }) => {
    const got = safeConcatName(...parts);
    expect(got).toHaveLength(wantLength);
    expect(isDns1123Label(got)).toBe(true);
  });
});

describe('clusterNameForClientId', () => {
  const cases = [
    { name: 'names the cluster after 12 hex of the client ID’s sha256', id: 'abc', want: 'cluster-ba7816bf8f01' },
    { name: 'only the first 100 characters of the client ID count', id: long('z', 150), want: `cluster-${keyHash(long('z', 100))}` },
  ];
  it.each(cases)('$name', ({ id, want }) => {
    expect(clusterNameForClientId(id)).toBe(want);
  });
});

describe('safeName', () => {
  const cases = [
    { name: 'a valid short name is kept as it is', s: 'team-a', max: 63, want: 'team-a' },
    { name: 'upper case and underscores are cleaned and hashed', s: 'Team_A', max: 63, want: 'team-a-e61a5482' },
    { name: 'a long name is cut and hashed', s: long('a', 70), max: 63, want: `${long('a', 54)}-6bd5e503` },
    { name: 'nothing usable gives a hash', s: '!!!', max: 63, want: 'e84c538e7fe250730ef62de2' },
    { name: 'a small limit is honoured', s: long('x', 30), max: 10, want: 'x-666a596d' },
  ];
  it.each(cases)('$name', ({ s, max, want }) => {
    const got = safeName(s, max);
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(max);
    expect(isDns1123Label(got)).toBe(true);
  });
});
