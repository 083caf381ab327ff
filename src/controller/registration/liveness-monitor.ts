/**
 * Marks a Cluster's agent lost when it stops sending heartbeats: each Cluster is judged
 * (agentLiveness) when it changes and again when its grace period would run out, counting
 * the silence from when this monitor saw its lastSeen change (as the Kubernetes node
 * lifecycle controller does with leases), or from lastSeen itself for the first one it sees
 * (so a restart neither revives a dead agent for a minute nor flaps its condition), and the
 * `AgentConnected` condition is written only when it changes, as a resourceVersion-guarded
 * merge patch that keeps the conditions other writers (the status aggregation) own.
 */
import type { Logger } from 'pino';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import type { Clock } from '../../kube/clock.js';
import { Duration, type DurationLike } from '../../kube/duration.js';
import type { Informer } from '../../kube/informer.js';
import { objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler, type ReconcileContext, type ReconcileRequest } from '../../kube/reconciler.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { AGENT_CONNECTED, agentConnectedCondition, agentLiveness } from './agent-liveness.js';

export const LIVENESS_FIELD_MANAGER = 'flotilla-agent-liveness';

export interface LivenessMonitorOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  clusters: Informer<Cluster>;
  /** How long a Cluster's agent may be silent before it counts as lost; default 1 minute (4 heartbeats). */
  grace?: DurationLike;
}

export class LivenessMonitor {
  private readonly reconciler: Reconciler;
  private readonly grace: DurationLike;
  /** Per Cluster key: the last lastSeen seen and when this monitor heard it (clock ms). */
  private readonly heard = new Map<string, { lastSeen: string; at: number }>();

  constructor(private readonly options: LivenessMonitorOptions) {
    this.grace = options.grace ?? Duration.minutes(1);
    this.reconciler = new Reconciler({ name: 'agent-liveness', logger: options.logger, clock: options.clock, concurrency: 4, reconcile: (r, c) => this.reconcile(r, c) });
    options.clusters.on({
      add: (c) => this.reconciler.enqueueObject(c),
      update: (_o, c) => this.reconciler.enqueueObject(c),
      delete: (c) => this.heard.delete(objectKey(c)),
    });
  }

  start(signal: AbortSignal): void {
    this.reconciler.start(signal);
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
  }

  private async reconcile(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const cluster = this.options.clusters.cache.get(request.key);
    if (!cluster) return reconcileResult.done();
    const now = this.options.clock.now();
    const liveness = agentLiveness(cluster, now, this.grace, this.heardAt(request.key, cluster.status?.agent?.lastSeen, now));
    if (liveness.kind === 'unknown') return reconcileResult.done();
    const condition = agentConnectedCondition(liveness, cluster.status?.conditions, now);
    const current = cluster.status?.conditions?.find((c) => c.type === AGENT_CONNECTED);
    if (current?.status !== condition.status || current.reason !== condition.reason) {
      // A merge patch replaces the whole list: keep the other writers' conditions, and fail on a concurrent change (retried).
      const conditions = [...(cluster.status?.conditions ?? []).filter((c) => c.type !== AGENT_CONNECTED), condition];
      const patch = { metadata: { resourceVersion: cluster.metadata.resourceVersion }, status: { conditions } };
      const ref = { apiVersion: API_VERSION, kind: 'Cluster', name: request.name, namespace: request.namespace };
      await this.options.client.patch(ref, patch, { type: 'merge', subresource: 'status', fieldManager: LIVENESS_FIELD_MANAGER, signal: context.signal });
      if (liveness.kind === 'lost') context.logger.warn({ lastSeen: liveness.lastSeen }, 'agent stopped reporting');
    }
    return liveness.kind === 'alive' ? reconcileResult.requeueAfter(Duration.milliseconds(liveness.staleAt - now)) : reconcileResult.done();
  }

  /** When this monitor heard the Cluster's current lastSeen: when it changed, or lastSeen itself the first time. */
  private heardAt(key: string, lastSeen: string | undefined, now: number): number | undefined {
    if (!lastSeen) return undefined;
    let heard = this.heard.get(key);
    if (heard?.lastSeen !== lastSeen) {
      heard = { lastSeen, at: heard ? now : Date.parse(lastSeen) };
      this.heard.set(key, heard);
    }
    return heard.at;
  }
}
