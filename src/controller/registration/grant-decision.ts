/**
 * Which Cluster a ClusterRegistration is granted, from plain data: the Cluster already
 * holding its client ID (a re-registered member keeps its identity and name, whatever name it
 * asks for now), else the name it asks for, else `cluster-<hash of client ID>`. A name held
 * by another member's client ID is refused rather than taken over; a Cluster an admin created
 * without a client ID is claimed, as Fleet lets a pre-created Cluster be joined.
 */
import type { Cluster } from '../../api/cluster.js';
import type { ClusterRegistration } from '../../api/cluster-registration.js';
import { clusterNameForClientId } from '../../api/names.js';

export type RefusalReason = 'ClusterNameTaken' | 'MissingClientID';

export type GrantDecision =
  | { readonly kind: 'grant'; readonly clusterName: string; readonly how: 'existing' | 'claimed' | 'new' }
  | { readonly kind: 'refuse'; readonly reason: RefusalReason; readonly message: string };

export function decideGrant(registration: Pick<ClusterRegistration, 'spec'>, clusters: readonly Cluster[]): GrantDecision {
  const { clientID, clusterName: asked } = registration.spec;
  if (!clientID) return { kind: 'refuse', reason: 'MissingClientID', message: 'spec.clientID is empty' };
  const mine = clusters.find((c) => c.spec.clientID === clientID);
  if (mine?.metadata.name) return { kind: 'grant', clusterName: mine.metadata.name, how: 'existing' };
  const name = asked || clusterNameForClientId(clientID);
  const namesake = clusters.find((c) => c.metadata.name === name);
  if (!namesake) return { kind: 'grant', clusterName: name, how: 'new' };
  if (!namesake.spec.clientID) return { kind: 'grant', clusterName: name, how: 'claimed' };
  return { kind: 'refuse', reason: 'ClusterNameTaken', message: `Cluster ${name} belongs to another member (client ID ${namesake.spec.clientID})` };
}
