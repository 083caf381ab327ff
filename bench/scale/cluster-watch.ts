/**
 * The benchmark's view of the scale Clusters while agents join: one list+watch instead of
 * listing every Cluster each second (at 10,000 clusters that list was ~10,000 objects a second
 * for the hub to serialize, on the same two cores that grant the registrations it waits for).
 * Only the fields the count reads are kept.
 */
import type { Logger } from 'pino';
import type { Cluster } from '../../src/api/cluster.js';
import { API_VERSION } from '../../src/api/group.js';
import { WORKSPACE_DEFAULT } from '../../src/api/names.js';
import { Duration } from '../../src/kube/duration.js';
import { Informer } from '../../src/kube/informer.js';
import type { ObjectClient } from '../../src/kube/object-client.js';
import { SCALE_LABEL } from './scale-repo.js';

/** Has the Cluster's agent heartbeated, and has it a namespace on the hub? */
export function hasJoined(cluster: Cluster): boolean {
  return cluster.status?.agent?.lastSeen !== undefined && cluster.status.namespace !== undefined;
}

/** Only the name, namespace, labels and the two status fields hasJoined reads. */
export function compactCluster(cluster: Cluster): Cluster {
  const { name, namespace, labels } = cluster.metadata;
  const status = cluster.status;
  const agent = status?.agent?.lastSeen !== undefined ? { lastSeen: status.agent.lastSeen } : undefined;
  const compactStatus = status ? { ...(agent ? { agent } : {}), ...(status.namespace !== undefined ? { namespace: status.namespace } : {}) } : undefined;
  return {
    apiVersion: cluster.apiVersion,
    kind: cluster.kind,
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: {},
    ...(compactStatus ? { status: compactStatus } : {}),
  } as Cluster;
}

export class ClusterWatch {
  private readonly informer: Informer<Cluster>;

  constructor(options: { hub: ObjectClient; logger: Logger }) {
    this.informer = new Informer<Cluster>({
      client: options.hub,
      apiVersion: API_VERSION,
      kind: 'Cluster',
      namespace: WORKSPACE_DEFAULT,
      labelSelector: `${SCALE_LABEL}=yes`,
      logger: options.logger,
      transform: compactCluster,
      pageSize: 2000,
      watchTimeout: Duration.minutes(30),
    });
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
  }

  joined(): Cluster[] {
    return this.informer.cache.list().filter(hasJoined);
  }

  stop(): Promise<void> {
    return this.informer.stop();
  }
}
