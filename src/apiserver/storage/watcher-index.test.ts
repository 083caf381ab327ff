import { describe, expect, it } from 'vitest';
import { WatcherIndex } from './watcher-index.js';

const KEY = 'c\0/configmaps';

describe('WatcherIndex', () => {
  const cases = [
    { name: 'a watch of every namespace reaches events of any namespace', watches: [{ id: 'all', namespace: undefined }], event: 'team-a', reached: ['all'] },
    { name: 'a namespaced watch reaches its own namespace\'s events', watches: [{ id: 'a', namespace: 'team-a' }], event: 'team-a', reached: ['a'] },
    { name: 'a namespaced watch does not reach another namespace\'s events', watches: [{ id: 'a', namespace: 'team-a' }], event: 'team-b', reached: [] },
    {
      name: 'one event reaches the all-namespace watches and its own namespace\'s, never the others',
      watches: [{ id: 'a1', namespace: 'team-a' }, { id: 'all', namespace: undefined }, { id: 'b', namespace: 'team-b' }, { id: 'a2', namespace: 'team-a' }],
      event: 'team-a',
      reached: ['a1', 'a2', 'all'],
    },
    { name: 'a cluster-scoped event (namespace "") reaches only all-namespace watches', watches: [{ id: 'all', namespace: undefined }, { id: 'a', namespace: 'team-a' }], event: '', reached: ['all'] },
  ];
  it.each(cases)('$name', ({ watches, event, reached }) => {
    const index = new WatcherIndex<string>();
    for (const w of watches) index.add(KEY, w.namespace, w.id);
    const seen: string[] = [];
    index.forEachReached(KEY, event, (id) => seen.push(id));
    expect(seen.sort()).toEqual(reached);
  });

  it('an event of another cluster or resource reaches nothing', () => {
    const index = new WatcherIndex<string>();
    index.add(KEY, undefined, 'all');
    const seen: string[] = [];
    index.forEachReached('c\0/secrets', 'team-a', (id) => seen.push(id));
    expect(seen).toEqual([]);
  });

  it('removing every watch leaves nothing behind, and a removed watch is no longer reached', () => {
    const index = new WatcherIndex<string>();
    const removeA = index.add(KEY, 'team-a', 'a');
    const removeAll = index.add(KEY, undefined, 'all');
    removeA();
    const seen: string[] = [];
    index.forEachReached(KEY, 'team-a', (id) => seen.push(id));
    expect(seen).toEqual(['all']);
    removeAll();
    expect(index.size).toBe(0);
  });
});
