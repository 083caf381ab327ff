import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { indexBy, ObjectCache, objectKey, splitKey } from './object-cache.js';

const obj = (name: string, rv: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns', resourceVersion: rv, ...extra },
});

describe('object keys', () => {
  const cases = [
    { name: 'a namespaced object is keyed namespace/name', meta: { namespace: 'a', name: 'b' }, key: 'a/b', split: { namespace: 'a', name: 'b' } },
    { name: 'a cluster-scoped object is keyed by its name alone', meta: { name: 'c' }, key: 'c', split: { namespace: '', name: 'c' } },
  ];
  it.each(cases)('$name', ({ meta, key, split }) => {
    expect(objectKey({ metadata: meta })).toBe(key);
    expect(splitKey(key)).toEqual(split);
  });
});

describe('ObjectCache.replace', () => {
  const cases = [
    {
      name: 'a relist reports new, changed and vanished objects, and not unchanged ones',
      before: [obj('same', '1'), obj('changed', '1'), obj('gone', '1')],
      after: [obj('same', '1'), obj('changed', '2'), obj('new', '3')],
      expected: { added: ['new'], updated: ['changed'], deleted: ['gone'] },
    },
    { name: 'an empty relist deletes everything', before: [obj('a', '1')], after: [], expected: { added: [], updated: [], deleted: ['a'] } },
  ];
  it.each(cases)('$name', ({ before, after, expected }) => {
    const cache = new ObjectCache<KubeObject>();
    for (const o of before) cache.set(o);
    const changes = cache.replace(after);
    expect({
      added: changes.added.map((o) => o.metadata.name),
      updated: changes.updated.map((u) => u.new.metadata.name),
      deleted: changes.deleted.map((o) => o.metadata.name),
    }).toEqual(expected);
    expect(cache.list().map((o) => o.metadata.name).sort()).toEqual(after.map((o) => o.metadata.name).sort());
  });
});

describe('ObjectCache indexes', () => {
  const cases = [
    {
      name: 'an owner index finds the objects an owner holds',
      index: 'owner',
      value: 'Bundle/b1',
      objects: [obj('x', '1', { ownerReferences: [{ apiVersion: 'v1', kind: 'Bundle', name: 'b1', uid: 'u' }] }), obj('y', '1')],
      expected: ['x'],
    },
    {
      name: 'an object re-filed under a new label value leaves the old one',
      index: 'team',
      value: 'red',
      objects: [obj('x', '1', { labels: { team: 'red' } }), obj('x', '2', { labels: { team: 'blue' } })],
      expected: [],
    },
    {
      name: 'an update that keeps its label value stays filed under it once',
      index: 'team',
      value: 'red',
      objects: [obj('x', '1', { labels: { team: 'red' } }), obj('x', '2', { labels: { team: 'red' } }), obj('y', '1', { labels: { team: 'red' } })],
      expected: ['x', 'y'],
    },
    {
      name: 'an object whose label is removed leaves the index',
      index: 'team',
      value: 'red',
      objects: [obj('x', '1', { labels: { team: 'red' } }), obj('x', '2')],
      expected: [],
    },
    {
      name: 'an object given a label by an update joins the index',
      index: 'team',
      value: 'blue',
      objects: [obj('x', '1'), obj('x', '2', { labels: { team: 'blue' } })],
      expected: ['x'],
    },
  ];
  it.each(cases)('$name', ({ index, value, objects, expected }) => {
    const cache = new ObjectCache<KubeObject>({ owner: indexBy.owner(), team: indexBy.label('team') });
    for (const o of objects) cache.set(o);
    expect(cache.byIndex(index, value).map((o) => o.metadata.name)).toEqual(expected);
  });

  it('an unknown index is an error naming the known ones', () => {
    expect(() => new ObjectCache<KubeObject>().byIndex('nope', 'x')).toThrow(/no index "nope" \(known: namespace\)/);
  });

  it('answers an index with the newest version of an updated object', () => {
    const cache = new ObjectCache<KubeObject>({ team: indexBy.label('team') });
    cache.set(obj('x', '1', { labels: { team: 'red' } }));
    const newer = obj('x', '2', { labels: { team: 'red' } });
    cache.set(newer);
    expect(cache.byIndex('team', 'red')).toEqual([newer]);
    expect(cache.byIndex('namespace', 'ns')).toEqual([newer]);
    cache.delete('ns/x');
    expect(cache.byIndex('team', 'red')).toEqual([]);
  });

  it('keeps the objects it is given, without copying them', () => {
    const cache = new ObjectCache<KubeObject>();
    const o = obj('x', '1');
    cache.set(o);
    expect(cache.get('ns/x')).toBe(o);
  });
});
