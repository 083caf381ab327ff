/**
 * ClusterRegistrations: grants each one a Cluster (decideGrant), its cluster namespace, the
 * agent's ServiceAccount with exactly the agent's grants (agent-access.ts), and a result
 * Secret with the agent's hub credential that only the token which made the registration
 * may read. Every step is an idempotent apply, so a reconcile interrupted anywhere is
 * finished by the next one, and a re-registration of the same member reuses everything.
 */
import type { Logger } from 'pino';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterRegistration, ClusterRegistrationStatus } from '../../api/cluster-registration.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { ANNOTATIONS, CLUSTERS_SYSTEM_NAMESPACE, LABELS, clusterNameForClientId } from '../../api/names.js';
import { isAlreadyExists, isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { Informer, withoutManagedFields } from '../../kube/informer.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler, type ReconcileContext, type ReconcileRequest } from '../../kube/reconciler.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { CLIENT_ID_INDEX, clientIdIndex, clientIdKey } from './client-id-index.js';
import { agentAccessObjects, clusterNamespaceObject, contentReaderClusterRole, type AgentIdentity } from './agent-access.js';
import { decideGrant, type GrantDecision } from './grant-decision.js';
import { GrantMemory } from './grant-memory.js';
import { REGISTRATION_FIELD_MANAGER, applyInWaves, applyObjects, appliedKey, deleteLabelled, getOrUndefined, refOf } from './hub-writes.js';
import { agentTokenSecretName, registrationSecretName, tokenServiceAccountName } from './registration-names.js';
import { resultSecret, type HubEndpoint } from './registration-result.js';
import { registrationReaderObjects } from './token-access.js';
import { rfc3339 } from './token-expiry.js';

export interface RegistrationControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** The hub as the controller reaches it, written into the agent's kubeconfig. */
  hub: HubEndpoint;
  /** Shared Cluster informer (the controller may already run one), indexed by {@link CLIENT_ID_INDEX}. */
  clusters: Informer<Cluster>;
}

const REGISTRATION_TYPE = { apiVersion: API_VERSION, kind: 'ClusterRegistration' };

export class RegistrationController {
  readonly informer: Informer<ClusterRegistration>;
  private readonly reconciler: Reconciler;
  private readonly grants = new GrantMemory();

  constructor(private readonly options: RegistrationControllerOptions) {
    // One registration per cluster stays cached; nothing here reads field ownership, which was most of each (about 3 KiB at 200 clusters).
    this.informer = new Informer<ClusterRegistration>({
      client: options.client,
      clock: options.clock,
      logger: options.logger,
      ...REGISTRATION_TYPE,
      indexers: { [CLIENT_ID_INDEX]: clientIdIndex<ClusterRegistration>() },
      transform: withoutManagedFields,
    });
    this.reconciler = new Reconciler({ name: 'cluster-registration', logger: options.logger, clock: options.clock, concurrency: 32, reconcile: (r, c) => this.reconcile(r, c) });
    const enqueue = (r: ClusterRegistration) => this.reconciler.enqueueObject(r);
    const deleted = (r: ClusterRegistration) => {
      this.grants.forget(r.metadata.uid);
      enqueue(r);
    };
    this.informer.on({ add: enqueue, update: (_o, r) => enqueue(r), delete: deleted });
  }

  async start(signal: AbortSignal): Promise<void> {
    this.informer.start(signal);
    await Promise.all([this.informer.waitForSync(signal), this.options.clusters.waitForSync(signal)]);
    await applyObjects(this.options.client, [contentReaderClusterRole()], signal);
    this.reconciler.start(signal);
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
    await this.informer.stop();
  }

  private async reconcile(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const registration = this.informer.cache.get(request.key);
    if (!registration) return this.forget(request, context);
    const decision = decideGrant(registration, this.candidateClusters(registration));
    if (decision.kind === 'refuse') {
      await this.writeStatus(registration, refusedStatus(decision, this.options.clock.now()), context.signal);
      return reconcileResult.done();
    }
    // A granted registration whose Cluster is gone is spent: only a new registration may bring the Cluster back.
    if (registration.status?.granted && decision.how !== 'existing') return reconcileResult.done();
    if (this.grants.completed(registration, decision)) return reconcileResult.done();
    const id: AgentIdentity = { workspace: request.namespace, cluster: decision.clusterName };
    // Create a new Cluster rather than apply it: of two members asking for one name at once, only one wins.
    if (decision.how === 'new' && !(await this.createCluster(registration, id, context.signal))) return reconcileResult.requeue();
    // The labels asked for are applied once, at the grant: later relabelling by users must survive controller restarts.
    const alreadyGranted = registration.status?.granted === true && decision.how === 'existing';
    const cluster = alreadyGranted ? [] : [clusterObject(registration, id)];
    const secretName = registrationSecretName(request.namespace, request.name);
    // The token's ServiceAccount is checked while the agent's access is written: the two do not depend on each other.
    const [applied, readers] = await Promise.all([
      applyInWaves(this.options.client, [...cluster, clusterNamespaceObject(id), ...agentAccessObjects(id)], context.signal),
      this.readerObjects(registration, secretName, context.signal),
    ]);
    // The server fills the token into the applied Secret once its ServiceAccount exists, so the apply's answer carries it.
    const token = tokenOf(applied.get(appliedKey(agentTokenSecretRef(id)))) ?? (await this.agentToken(id, context.signal));
    if (!token) return reconcileResult.requeueAfter(Duration.milliseconds(100));
    const result = resultSecret({ name: secretName, workspace: id.workspace, registration: request.name, cluster: id.cluster, token, hub: this.options.hub });
    await applyInWaves(this.options.client, [result, ...readers], context.signal);
    await this.writeStatus(registration, grantedStatus(decision.clusterName, secretName, registration.status, this.options.clock.now()), context.signal);
    await this.deleteSuperseded(registration, context.signal);
    this.grants.remember(registration, decision.clusterName);
    context.logger.info({ cluster: id.cluster, how: decision.how }, 'registration granted');
    return reconcileResult.done();
  }

  /** The only Clusters decideGrant can pick or refuse over: those with the member's client ID, and the namesakes of the name it would get. */
  private candidateClusters(registration: ClusterRegistration): Cluster[] {
    const namespace = registration.metadata.namespace ?? '';
    const { clientID, clusterName } = registration.spec;
    const cache = this.options.clusters.cache;
    const mine = clientID ? cache.byIndex(CLIENT_ID_INDEX, clientIdKey(namespace, clientID)) : [];
    const names = [clusterName, clientID ? clusterNameForClientId(clientID) : undefined].filter((n): n is string => Boolean(n));
    const namesakes = names.flatMap((name) => cache.get(`${namespace}/${name}`) ?? []);
    return [...mine, ...namesakes];
  }

  /** False when a Cluster of that name appeared meanwhile: the next reconcile decides again from a fresher cache. */
  private async createCluster(registration: ClusterRegistration, id: AgentIdentity, signal: AbortSignal): Promise<boolean> {
    try {
      await this.options.client.create(clusterObject(registration, id), { fieldManager: REGISTRATION_FIELD_MANAGER, signal });
      return true;
    } catch (err) {
      if (isAlreadyExists(err)) return false;
      throw err;
    }
  }

  private async agentToken(id: AgentIdentity, signal: AbortSignal): Promise<string | undefined> {
    return tokenOf(await getOrUndefined<KubeObject>(this.options.client, refOf(agentTokenSecretRef(id)), signal));
  }

  /** The grant to read the result, for the token named on the registration when that token's ServiceAccount is real. */
  private async readerObjects(registration: ClusterRegistration, secretName: string, signal: AbortSignal): Promise<KubeObject[]> {
    const tokenName = registration.metadata.labels?.[LABELS.clusterRegistrationToken];
    if (!tokenName) return [];
    const workspace = registration.metadata.namespace ?? '';
    const saName = tokenServiceAccountName(tokenName);
    const sa = await getOrUndefined(this.options.client, { apiVersion: 'v1', kind: 'ServiceAccount', namespace: workspace, name: saName }, signal);
    if (sa?.metadata.labels?.[LABELS.clusterRegistrationToken] !== tokenName) return [];
    return registrationReaderObjects({ workspace, registration: registration.metadata.name ?? '', secretName, tokenServiceAccount: saName });
  }

  private async writeStatus(registration: ClusterRegistration, status: ClusterRegistrationStatus, signal: AbortSignal): Promise<void> {
    if (JSON.stringify(withoutTimes(status)) === JSON.stringify(withoutTimes(registration.status ?? {}))) return;
    await this.options.client.patch(refOf(registration), { status }, { type: 'merge', subresource: 'status', signal });
  }

  /** Older granted registrations of the same member are spent: deleting them drops their result Secrets and read grants. */
  private async deleteSuperseded(registration: ClusterRegistration, signal: AbortSignal): Promise<void> {
    const created = Date.parse(registration.metadata.creationTimestamp ?? '');
    const older = this.informer.cache
      .byIndex(CLIENT_ID_INDEX, clientIdKey(registration.metadata.namespace ?? '', registration.spec.clientID))
      .filter((r) => r.status?.granted && Date.parse(r.metadata.creationTimestamp ?? '') < created);
    for (const r of older) {
      try {
        await this.options.client.delete(refOf(r), { signal, ...(r.metadata.uid ? { preconditions: { uid: r.metadata.uid } } : {}) });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** A deleted registration takes its result Secret and read grant along; the Cluster stays. */
  private async forget(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const secretName = registrationSecretName(request.namespace, request.name);
    const refs = [...registrationReaderObjects({ workspace: request.namespace, registration: request.name, secretName, tokenServiceAccount: '' }).map(refOf), { apiVersion: 'v1', kind: 'Secret', namespace: CLUSTERS_SYSTEM_NAMESPACE, name: secretName }];
    await deleteLabelled(this.options.client, refs, { key: LABELS.clusterRegistration, value: request.name }, context.signal);
    return reconcileResult.done();
  }
}

function agentTokenSecretRef(id: AgentIdentity): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: CLUSTERS_SYSTEM_NAMESPACE, name: agentTokenSecretName(id.workspace, id.cluster) } };
}

function tokenOf(secret: KubeObject | undefined): string | undefined {
  const data = secret?.data as Record<string, string> | undefined;
  return data?.token ? Buffer.from(data.token, 'base64').toString('utf8') : undefined;
}

function clusterObject(registration: ClusterRegistration, id: AgentIdentity): KubeObject {
  const clientID = registration.spec.clientID;
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: id.cluster, namespace: id.workspace, labels: { ...registration.spec.clusterLabels }, annotations: { [ANNOTATIONS.clientId]: clientID } },
    spec: { clientID },
  };
}

function grantedStatus(clusterName: string, secretName: string, previous: ClusterRegistrationStatus | undefined, now: number): ClusterRegistrationStatus {
  const prior = previous?.conditions?.find((c) => c.type === CONDITION_TYPES.Granted);
  const lastTransitionTime = prior?.status === 'True' && prior.lastTransitionTime ? prior.lastTransitionTime : rfc3339(now);
  return {
    clusterName,
    granted: true,
    secretName,
    conditions: [{ type: CONDITION_TYPES.Granted, status: 'True', reason: 'Granted', message: `granted Cluster ${clusterName}`, lastTransitionTime }],
  };
}

function refusedStatus(decision: Extract<GrantDecision, { kind: 'refuse' }>, now: number): ClusterRegistrationStatus {
  return { granted: false, conditions: [{ type: CONDITION_TYPES.Granted, status: 'False', reason: decision.reason, message: decision.message, lastTransitionTime: rfc3339(now) }] };
}

function withoutTimes(status: ClusterRegistrationStatus): ClusterRegistrationStatus {
  return { ...status, conditions: status.conditions?.map(({ lastTransitionTime: _t, ...c }) => c as typeof c & { lastTransitionTime?: string }) };
}
