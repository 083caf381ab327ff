import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { AppliedStateCache } from './applied-state-cache.js';
import { refOf } from './object-ref.js';

const manifest: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'app' }, data: { k: 'v' } };
const version = (uid: string, resourceVersion: string): KubeObject => ({ ...manifest, metadata: { ...manifest.metadata, uid, resourceVersion } });

interface Case {
  name: string;
  seen: KubeObject;
  own: boolean;
}

const cases: Case[] = [
  { name: 'the version the apply answered with is the agent own write', seen: version('u1', '5'), own: true },
  { name: 'a later version of the same object is not', seen: version('u1', '6'), own: false },
  { name: 'an object re-created with the same name is not, whatever its version', seen: version('u2', '5'), own: false },
];

describe('AppliedStateCache.isOwnWrite', () => {
  it.each(cases)('$name', ({ seen, own }) => {
    const cache = new AppliedStateCache('flotilla-agent');
    cache.record(manifest, version('u1', '5'));
    expect(cache.isOwnWrite(refOf(manifest), seen)).toBe(own);
  });

  it('an object never applied is not', () => {
    expect(new AppliedStateCache('flotilla-agent').isOwnWrite(refOf(manifest), version('u1', '5'))).toBe(false);
  });
});

describe('AppliedStateCache.record', () => {
  it('keeps the fields the agent owns but not the answer\'s managedFields', () => {
    const fieldsV1 = { 'f:data': { 'f:k': {} } };
    const answer: KubeObject = { ...version('u1', '5'), metadata: { ...version('u1', '5').metadata, managedFields: [{ manager: 'flotilla-agent', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1 }] } };
    const state = new AppliedStateCache('flotilla-agent').record(manifest, answer);
    expect(state.owned).toEqual(fieldsV1);
    expect(state.expected.metadata.managedFields).toBeUndefined();
    expect(state.expected.data).toEqual({ k: 'v' });
  });
});
