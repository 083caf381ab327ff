import { describe, expect, it } from 'vitest';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import { FieldSet } from './field-set.js';
import type { JsonObject } from './json-value.js';
import { pruneDropped } from './prune.js';
import type { TypeInfo } from './type-info.js';

const root = (builtinTypeInfo('apps/v1', 'Deployment') as TypeInfo).root;
const set = (fieldsV1: unknown): FieldSet => FieldSet.fromFieldsV1(fieldsV1);
const containers = (items: unknown[]): JsonObject => ({ metadata: { name: 'd' }, spec: { template: { spec: { containers: items } } } }) as JsonObject;
const containersSet = (items: Record<string, unknown>): unknown => ({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': items } } } });

const cases: { name: string; value: JsonObject; last: unknown; applied: unknown; others: unknown; expected: JsonObject }[] = [
  {
    name: 'a field applied last time and not now, owned by nobody else, is removed',
    value: { spec: { replicas: 3, paused: true } },
    last: { 'f:spec': { 'f:replicas': {}, 'f:paused': {} } },
    applied: { 'f:spec': { 'f:paused': {} } },
    others: {},
    expected: { spec: { paused: true } },
  },
  {
    name: 'a field another manager owns stays',
    value: { spec: { replicas: 3 } },
    last: { 'f:spec': { 'f:replicas': {} } },
    applied: {},
    others: { 'f:spec': { 'f:replicas': {} } },
    expected: { spec: { replicas: 3 } },
  },
  {
    name: 'a struct whose fields were all dropped goes with them',
    value: { metadata: { name: 'd', labels: { a: '1' } } },
    last: { 'f:metadata': { 'f:labels': { 'f:a': {} } } },
    applied: {},
    others: {},
    expected: { metadata: { name: 'd' } },
  },
  {
    name: 'metadata itself is never removed, whatever was dropped under it',
    value: { metadata: { name: 'd', annotations: { x: '1' } } },
    last: { 'f:metadata': { 'f:annotations': { 'f:x': {} } } },
    applied: {},
    others: {},
    expected: { metadata: { name: 'd' } },
  },
  {
    name: 'a dropped container goes, another manager\'s container stays',
    value: containers([{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }]),
    last: containersSet({ 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } }),
    applied: {},
    others: containersSet({ 'k:{"name":"b"}': { '.': {}, 'f:image': {}, 'f:name': {} } }),
    expected: containers([{ name: 'b', image: 'b' }]),
  },
  {
    name: 'a dropped container keeps the fields another manager set in it, and loses the rest',
    value: containers([{ name: 'a', image: 'a', imagePullPolicy: 'Always' }]),
    last: containersSet({ 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } }),
    applied: {},
    others: containersSet({ 'k:{"name":"a"}': { 'f:imagePullPolicy': {} } }),
    expected: containers([{ name: 'a', imagePullPolicy: 'Always' }]),
  },
];

describe('pruneDropped', () => {
  it.each(cases)('$name', ({ value, last, applied, others, expected }) => {
    const copy = structuredClone(value);
    pruneDropped(copy, { last: set(last), applied: set(applied), others: set(others) }, root);
    expect(copy).toEqual(expected);
  });
});
