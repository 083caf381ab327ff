import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { clusterNameForClientId } from '../../api/names.js';
import { decideGrant } from './grant-decision.js';

const cluster = (name: string, clientID?: string): Cluster => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name, namespace: 'fleet-default' },
  spec: clientID ? { clientID } : {},
});
const ask = (clientID: string, clusterName?: string) => ({ spec: { clientID, ...(clusterName ? { clusterName } : {}) } });

const cases = [
  { name: 'a new member without a name gets cluster-<hash of its client ID>', registration: ask('uid-1'), clusters: [], expected: { kind: 'grant', clusterName: clusterNameForClientId('uid-1'), how: 'new' } },
  { name: 'a new member gets the name it asks for', registration: ask('uid-1', 'east'), clusters: [cluster('west', 'uid-2')], expected: { kind: 'grant', clusterName: 'east', how: 'new' } },
  { name: 'a re-registered member keeps its Cluster even when it asks for another name', registration: ask('uid-1', 'renamed'), clusters: [cluster('east', 'uid-1')], expected: { kind: 'grant', clusterName: 'east', how: 'existing' } },
  { name: 'a Cluster created by an admin without a client ID is claimed', registration: ask('uid-1', 'east'), clusters: [cluster('east')], expected: { kind: 'grant', clusterName: 'east', how: 'claimed' } },
  { name: 'a name held by another member is refused (reason: ClusterNameTaken)', registration: ask('uid-1', 'east'), clusters: [cluster('east', 'uid-2')], expected: { kind: 'refuse', reason: 'ClusterNameTaken' } },
  { name: 'a registration without a client ID is refused (reason: MissingClientID)', registration: ask(''), clusters: [], expected: { kind: 'refuse', reason: 'MissingClientID' } },
];

describe('decideGrant', () => {
  it.each(cases)('$name', ({ registration, clusters, expected }) => {
    expect(decideGrant(registration, clusters)).toMatchObject(expected);
  });
});
