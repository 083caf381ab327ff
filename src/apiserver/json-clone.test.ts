import { describe, expect, it } from 'vitest';
import { cloneJsonValue } from './json-clone.js';

interface Case {
  name: string;
  value: unknown;
}

const cases: Case[] = [
  { name: 'a Kubernetes object copies to an equal one', value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { x: 'y' } }, data: { k: 'v' } } },
  { name: 'arrays keep their order and nested values', value: [1, 'two', null, [true, false], { a: [{}] }] },
  { name: 'scalars copy as themselves', value: 'text' },
  { name: 'null copies as null', value: null },
  { name: 'a key left undefined by code stays (as structuredClone keeps it)', value: { a: undefined, b: 1 } },
  { name: 'a __proto__ key from JSON stays a plain key', value: JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown },
];

describe('cloneJsonValue', () => {
  it.each(cases)('$name', ({ value }) => {
    const copy = cloneJsonValue(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
  });

  it('changing the copy leaves the original alone, at every depth', () => {
    const original = { metadata: { labels: { a: 'b' } }, spec: { list: [{ x: 1 }] } };
    const copy = cloneJsonValue(original);
    copy.metadata.labels.a = 'changed';
    copy.spec.list[0]!.x = 2;
    copy.spec.list.push({ x: 3 });
    expect(original).toEqual({ metadata: { labels: { a: 'b' } }, spec: { list: [{ x: 1 }] } });
  });

  it('a __proto__ key does not change the prototype of the copy', () => {
    const copy = cloneJsonValue(JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__']);
  });
});
