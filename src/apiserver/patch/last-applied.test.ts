import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import { LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { recordUpdate } from './record-update.js';
import { apply, type ApplyResult } from './server-side-apply.js';
import type { TypeInfo } from './type-info.js';

const typeInfo = builtinTypeInfo('v1', 'ConfigMap') as TypeInfo;
const T1 = new Date('2026-03-01T00:00:00Z');
const config = (data: Record<string, string>): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });

/** A ConfigMap as kubectl's client-side apply leaves it: the annotation holds the configuration. */
function clientSideApplied(data: Record<string, string>): KubeObject {
  const annotation = JSON.stringify({ ...config(data), metadata: { annotations: {}, name: 'c' } }) + '\n';
  return recordUpdate({
    old: undefined,
    updated: { ...config(data), metadata: { name: 'c', annotations: { [LAST_APPLIED_ANNOTATION]: annotation } } } as unknown as KubeObject,
    manager: 'kubectl-client-side-apply',
    apiVersion: 'v1',
    now: T1,
    typeInfo,
  });
}

const serverSide = (live: KubeObject, data: Record<string, string>, manager = 'kubectl'): ApplyResult =>
  apply({ live, applied: config(data), manager, apiVersion: 'v1', now: T1, typeInfo });

describe('moving from client-side to server-side apply', () => {
  it.each([
    { name: 'kubectl takes over fields its client-side apply set, without a conflict', manager: 'kubectl', conflicts: [] },
    { name: 'another field manager opts out of the migration and meets the conflict', manager: 'my-manager', conflicts: ['.data.a'] },
  ])('$name', ({ manager, conflicts }) => {
    const result = serverSide(clientSideApplied({ a: '1' }), { a: '2' }, manager);
    expect(result.ok ? [] : result.conflicts.map((c) => c.field)).toEqual(conflicts);
  });

  it('a field changed by someone else since the client-side apply still conflicts', () => {
    const csa = clientSideApplied({ a: '1', b: '1' });
    const scaled = recordUpdate({ old: csa, updated: { ...csa, data: { a: '1', b: '5' } }, manager: 'scaler', apiVersion: 'v1', now: T1, typeInfo });
    const result = serverSide(scaled, { a: '2', b: '6' });
    expect(result.ok ? [] : result.conflicts.map((c) => `${c.manager} ${c.field}`)).toEqual(['scaler .data.b']);
  });

  it('the annotation follows what kubectl applies, keys sorted, so client-side apply can resume', () => {
    const result = serverSide(clientSideApplied({ a: '1' }), { a: '2' });
    expect(result.ok && result.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"c"}}\n',
    );
    expect(result.ok && result.object['data']).toEqual({ a: '2' });
  });

  it('an object without the annotation does not get one', () => {
    const live = recordUpdate({ old: undefined, updated: config({ a: '1' }) as KubeObject, manager: 'x', apiVersion: 'v1', now: T1, typeInfo });
    const result = apply({ live, applied: config({ b: '1' }), manager: 'kubectl', apiVersion: 'v1', now: T1, typeInfo });
    expect(result.ok && result.object.metadata.annotations).toBeUndefined();
  });
});
