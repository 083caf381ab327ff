import { describe, expect, it } from 'vitest';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import type { JsonValue } from './json-value.js';
import { mergeApplied } from './merge-applied.js';
import type { TypeInfo } from './type-info.js';

const pod = (builtinTypeInfo('v1', 'Pod') as TypeInfo).root;
const spec = (s: JsonValue): JsonValue => ({ spec: s });

const cases: { name: string; live: JsonValue; applied: JsonValue; expected: JsonValue }[] = [
  {
    name: 'a granular map keeps the live members the configuration does not name',
    live: { metadata: { labels: { a: '1', b: '2' } } },
    applied: { metadata: { labels: { b: '3' } } },
    expected: { metadata: { labels: { a: '1', b: '3' } } },
  },
  {
    name: 'an atomic map (nodeSelector) is replaced whole',
    live: spec({ nodeSelector: { a: '1', b: '2' } }),
    applied: spec({ nodeSelector: { c: '3' } }),
    expected: spec({ nodeSelector: { c: '3' } }),
  },
  {
    name: 'an atomic list (tolerations) is replaced whole',
    live: spec({ tolerations: [{ key: 'a' }, { key: 'b' }] }),
    applied: spec({ tolerations: [{ key: 'c' }] }),
    expected: spec({ tolerations: [{ key: 'c' }] }),
  },
  {
    name: 'map-list items merge by key; live-only items keep their place and new ones follow',
    live: spec({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] }),
    applied: spec({ containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] }),
    expected: spec({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] }),
  },
  {
    name: 'ports keyed by containerPort and the defaulted protocol match a port written with TCP',
    live: spec({ containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }] }),
    applied: spec({ containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }] }),
    expected: spec({ containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http', hostPort: 8080 }] }] }),
  },
  {
    name: 'a set (finalizers) gains the applied values in their order and keeps the others after',
    live: { metadata: { finalizers: ['x', 'y'] } },
    applied: { metadata: { finalizers: ['z', 'x'] } },
    expected: { metadata: { finalizers: ['z', 'x', 'y'] } },
  },
  {
    name: 'null in the configuration removes the field',
    live: spec({ hostname: 'h', subdomain: 's' }),
    applied: spec({ hostname: null }),
    expected: spec({ subdomain: 's' }),
  },
];

describe('mergeApplied', () => {
  it.each(cases)('$name', ({ live, applied, expected }) => {
    const before = structuredClone({ live, applied });
    expect(mergeApplied(live, applied, pod)).toEqual(expected);
    expect({ live, applied }).toEqual(before);
  });
});
