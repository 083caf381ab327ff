/**
 * Revokes an agent's hub access once its Cluster is gone: its ServiceAccount (which voids its
 * token at once), token Secret and grants are deleted. Level-based: keyed by
 * `<workspace>/<cluster>`, queued when a Cluster is deleted and, at start, for every agent
 * ServiceAccount whose Cluster does not exist, so a deletion while the controller was down is
 * caught too. Without this, a later Cluster of the same name would hand the old agent's token
 * its rights again.
 */
import type { Logger } from 'pino';
import type { Cluster } from '../../api/cluster.js';
import type { KubeObject } from '../../api/meta.js';
import { CLUSTERS_SYSTEM_NAMESPACE, LABELS } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import type { Informer } from '../../kube/informer.js';
import { objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler, type ReconcileContext, type ReconcileRequest } from '../../kube/reconciler.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { agentAccessObjects } from './agent-access.js';
import { deleteLabelled, refOf } from './hub-writes.js';

export interface AccessRevokerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  clusters: Informer<Cluster>;
}

export class AccessRevoker {
  private readonly reconciler: Reconciler;

  constructor(private readonly options: AccessRevokerOptions) {
    this.reconciler = new Reconciler({ name: 'agent-access-revoker', logger: options.logger, clock: options.clock, reconcile: (r, c) => this.reconcile(r, c) });
    options.clusters.on({ delete: (c) => this.reconciler.enqueue(objectKey(c)) });
  }

  /** Queues every agent whose Cluster is missing now, then runs. Call after the Cluster informer synced. */
  async start(signal: AbortSignal): Promise<void> {
    const { items } = await this.options.client.listAll<KubeObject>({ apiVersion: 'v1', kind: 'ServiceAccount' }, { namespace: CLUSTERS_SYSTEM_NAMESPACE, labelSelector: `${LABELS.managed}=true`, signal });
    for (const sa of items) {
      const workspace = sa.metadata.labels?.[LABELS.clusterNamespace];
      const cluster = sa.metadata.labels?.[LABELS.clusterName];
      if (workspace && cluster) this.reconciler.enqueue(`${workspace}/${cluster}`);
    }
    this.reconciler.start(signal);
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
  }

  private async reconcile(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    if (this.options.clusters.cache.get(request.key)) return reconcileResult.done();
    const refs = agentAccessObjects({ workspace: request.namespace, cluster: request.name }).map(refOf).reverse();
    await deleteLabelled(this.options.client, refs, { key: LABELS.clusterName, value: request.name }, context.signal);
    context.logger.info('Cluster gone: its agent’s hub access is revoked');
    return reconcileResult.done();
  }
}
