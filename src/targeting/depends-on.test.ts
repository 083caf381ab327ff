import { describe, expect, it } from 'vitest';
import { checkDependsOn, type BundleOnCluster, type DependsOn } from './depends-on.js';

const on = (name: string, state: BundleOnCluster['state'], labels = {}): BundleOnCluster => ({ name, namespace: 'ws', labels, state });

describe('checkDependsOn', () => {
  const cases: { name: string; dependsOn: DependsOn[]; onCluster: BundleOnCluster[]; want: boolean; message?: RegExp }[] = [
    { name: 'no dependencies are always satisfied', dependsOn: [], onCluster: [], want: true },
    { name: 'a named dependency that is Ready is satisfied', dependsOn: [{ name: 'db' }], onCluster: [on('db', 'Ready')], want: true },
    { name: 'a named dependency that is not Ready waits', dependsOn: [{ name: 'db' }], onCluster: [on('db', 'WaitApplied')], want: false, message: /bundle "db" is WaitApplied, waiting for Ready/ },
    { name: 'a named dependency absent from the cluster waits', dependsOn: [{ name: 'db' }], onCluster: [], want: false, message: /not deployed on this cluster/ },
    { name: 'acceptedStates widen what counts as done', dependsOn: [{ name: 'db', acceptedStates: ['Ready', 'Modified'] }], onCluster: [on('db', 'Modified')], want: true },
    { name: 'a selector needs every selected bundle accepted', dependsOn: [{ selector: { matchLabels: { layer: 'infra' } } }], onCluster: [on('a', 'Ready', { layer: 'infra' }), on('b', 'ErrApplied', { layer: 'infra' })], want: false, message: /bundle "b" is ErrApplied/ },
    { name: 'a selector matching nothing waits', dependsOn: [{ selector: { matchLabels: { layer: 'infra' } } }], onCluster: [on('a', 'Ready')], want: false, message: /not deployed/ },
    { name: 'a selector never selects the bundle itself', dependsOn: [{ selector: {} }], onCluster: [on('self', 'NotReady'), on('other', 'Ready')], want: true },
    { name: 'an invalid selector waits and says why', dependsOn: [{ selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } }], onCluster: [], want: false, message: /invalid selector/ },
    { name: 'an entry with neither name nor selector waits', dependsOn: [{}], onCluster: [], want: false, message: /neither a bundle nor a selector/ },
  ];
  it.each(cases)('$name', ({ dependsOn, onCluster, want, message }) => {
    const result = checkDependsOn({ bundle: { name: 'self', namespace: 'ws', dependsOn }, onCluster });
    expect(result.satisfied).toBe(want);
    if (!result.satisfied && message) expect(result.message).toMatch(message);
  });
});
