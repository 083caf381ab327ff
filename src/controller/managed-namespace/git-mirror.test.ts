import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import { carryingBundle, desiredMirrors, isFromGit, mirroredBundleKey } from './git-mirror.js';

function bundle(labels: Record<string, string>, items: Bundle['spec']['managedNamespaces'] = [{ name: 'team-a', labels: { team: 'a' } }]): Bundle {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'Bundle',
    metadata: { name: 'repo-teams', namespace: 'fleet-default', labels, ownerReferences: [{ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', name: 'repo', uid: 'g1', controller: true }] },
    spec: { managedNamespaces: items },
  };
}

describe('desiredMirrors', () => {
  it('a GitRepo path Bundle gets one git record per item, owned by the GitRepo', () => {
    const [mirror, ...rest] = desiredMirrors(bundle({ 'flotilla.io/repo-name': 'repo' }));
    expect(rest).toEqual([]);
    expect(mirror?.metadata).toMatchObject({
      name: 'team-a',
      namespace: 'fleet-default',
      labels: { 'flotilla.io/managed-namespace-source': 'git', 'flotilla.io/repo-name': 'repo', 'flotilla.io/bundle-name': 'repo-teams' },
      ownerReferences: [{ kind: 'GitRepo', name: 'repo', uid: 'g1' }],
    });
    expect(mirror?.spec).toEqual({ labels: { team: 'a' } });
    expect(mirror && isFromGit(mirror)).toBe(true);
    expect(mirror && mirroredBundleKey(mirror)).toBe('fleet-default/repo-teams');
    expect(mirror && carryingBundle(mirror)).toBe('repo-teams');
  });

  it.each<{ name: string; labels: Record<string, string>; items: Array<{ name: string }> }>([
    { name: 'a Bundle not made from a GitRepo gets no record', labels: {}, items: [{ name: 'x' }] },
    { name: 'a path Bundle without items gets no record', labels: { 'flotilla.io/repo-name': 'repo' }, items: [] },
  ])('$name', ({ labels, items }) => {
    expect(desiredMirrors(bundle(labels, items))).toEqual([]);
  });

  it('a CLI record is carried by its own mns- Bundle', () => {
    const mns = { metadata: { name: 'team-b', namespace: 'fleet-default', labels: { 'flotilla.io/managed-namespace-source': 'cli' } } };
    expect(isFromGit(mns)).toBe(false);
    expect(mirroredBundleKey(mns)).toBeUndefined();
    expect(carryingBundle(mns)).toBe('mns-team-b');
  });
});
