import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { objectDrift } from './modified-status.js';
import { refOf } from './object-ref.js';

const DESIRED = 'ZGVzaXJlZC12YWx1ZQ==';
const object = (apiVersion: string, kind: string, value: string): KubeObject => ({ apiVersion, kind, metadata: { name: 'app', namespace: 'shop' }, data: { token: value } });
const owned = { 'f:data': { 'f:token': {} } };

describe('objectDrift of a changed field', () => {
  const cases = [
    { name: 'a ConfigMap’s entry carries the patch back to the desired value', apiVersion: 'v1', kind: 'ConfigMap', patch: JSON.stringify({ data: { token: DESIRED } }) },
    { name: 'a Secret’s entry names the field but carries no patch (its values are the Secret’s data)', apiVersion: 'v1', kind: 'Secret', patch: undefined },
    { name: 'a custom kind called Secret in another group keeps its patch', apiVersion: 'example.com/v1', kind: 'Secret', patch: JSON.stringify({ data: { token: DESIRED } }) },
  ];

  it.each(cases)('$name', ({ apiVersion, kind, patch }) => {
    const expected = object(apiVersion, kind, DESIRED);
    const entry = objectDrift({ ref: refOf(expected), expected, live: object(apiVersion, kind, 'bGl2ZQ=='), owned });
    expect(entry).toMatchObject({ kind, name: 'app', namespace: 'shop', fields: ['data.token'] });
    expect(entry?.patch).toBe(patch);
    if (!patch) expect(JSON.stringify(entry)).not.toContain(DESIRED);
  });
});
