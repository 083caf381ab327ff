import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { clientIdIndex } from './client-id-index.js';

type WithClientId = KubeObject & { spec?: { clientID?: string } };

describe('clientIdIndex', () => {
  const cases: Array<{ name: string; obj: WithClientId; values: string[] }> = [
    { name: 'an object with a client ID is filed under its namespace and client ID', obj: { apiVersion: 'v1', kind: 'Cluster', metadata: { name: 'a', namespace: 'ws' }, spec: { clientID: 'abc' } }, values: ['ws/abc'] },
    { name: 'a Cluster an admin made without a client ID is not filed', obj: { apiVersion: 'v1', kind: 'Cluster', metadata: { name: 'a', namespace: 'ws' }, spec: {} }, values: [] },
    { name: 'an object without a spec is not filed', obj: { apiVersion: 'v1', kind: 'Cluster', metadata: { name: 'a', namespace: 'ws' } }, values: [] },
  ];
  it.each(cases)('$name', ({ obj, values }) => {
    expect(clientIdIndex<WithClientId>()(obj)).toEqual(values);
  });
});
