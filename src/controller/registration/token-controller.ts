/**
 * ClusterRegistrationTokens: each valid token gets its ServiceAccount, credential Secret and
 * narrow Role (token-access.ts), and its status says when it expires and which Secret holds
 * the credential. At expiry the token is deleted; a deleted token's objects are deleted with
 * it, so its credential stops working at once and registers nothing more.
 */
import type { Logger } from 'pino';
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { API_VERSION } from '../../api/group.js';
import { LABELS } from '../../api/names.js';
import { isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Informer } from '../../kube/informer.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler, type ReconcileContext, type ReconcileRequest } from '../../kube/reconciler.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { applyObjects, deleteLabelled, refOf } from './hub-writes.js';
import { tokenSecretName } from './registration-names.js';
import { tokenAccessObjects } from './token-access.js';
import { tokenExpiry } from './token-expiry.js';

export interface TokenControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
}

const TOKEN_TYPE = { apiVersion: API_VERSION, kind: 'ClusterRegistrationToken' };

export class TokenController {
  readonly informer: Informer<ClusterRegistrationToken>;
  private readonly reconciler: Reconciler;

  constructor(private readonly options: TokenControllerOptions) {
    this.informer = new Informer<ClusterRegistrationToken>({ client: options.client, clock: options.clock, logger: options.logger, ...TOKEN_TYPE });
    this.reconciler = new Reconciler({ name: 'registration-token', logger: options.logger, clock: options.clock, concurrency: 4, reconcile: (r, c) => this.reconcile(r, c) });
    const enqueue = (t: ClusterRegistrationToken) => this.reconciler.enqueueObject(t);
    this.informer.on({ add: enqueue, update: (_o, t) => enqueue(t), delete: enqueue });
  }

  async start(signal: AbortSignal): Promise<void> {
    this.informer.start(signal);
    await this.informer.waitForSync(signal);
    this.reconciler.start(signal);
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
    await this.informer.stop();
  }

  private async reconcile(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const token = this.informer.cache.get(request.key);
    if (!token) return this.revoke(request, context);
    const expiry = tokenExpiry(token, this.options.clock.now());
    if (expiry.kind === 'invalid') {
      context.logger.warn({ message: expiry.message }, 'token ttl cannot be judged; granting nothing');
      return reconcileResult.done();
    }
    if (expiry.kind === 'expired') {
      context.logger.info({ expires: expiry.expires }, 'token expired; deleting it');
      await this.deleteToken(request, context.signal);
      return reconcileResult.done();
    }
    await applyObjects(this.options.client, tokenAccessObjects(token), context.signal);
    const status = { ...(expiry.kind === 'valid' ? { expires: expiry.expires } : {}), secretName: tokenSecretName(request.name) };
    if (token.status?.expires !== status.expires || token.status?.secretName !== status.secretName) {
      await this.options.client.patch(refOf(token), { status }, { type: 'merge', subresource: 'status', signal: context.signal });
    }
    return expiry.kind === 'valid' ? reconcileResult.requeueAfter(expiry.remaining) : reconcileResult.done();
  }

  private async deleteToken(request: ReconcileRequest, signal: AbortSignal): Promise<void> {
    try {
      await this.options.client.delete({ ...TOKEN_TYPE, namespace: request.namespace, name: request.name }, { signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** The token is gone: so are its credential and grants (the ServiceAccount last, which revokes the token). */
  private async revoke(request: ReconcileRequest, context: ReconcileContext): Promise<ReconcileResult> {
    const shell: ClusterRegistrationToken = { ...TOKEN_TYPE, kind: 'ClusterRegistrationToken', metadata: { name: request.name, namespace: request.namespace }, spec: {} };
    const refs = tokenAccessObjects(shell).map(refOf).reverse();
    await deleteLabelled(this.options.client, refs, { key: LABELS.clusterRegistrationToken, value: request.name }, context.signal);
    context.logger.info('token deleted; its credential is revoked');
    return reconcileResult.done();
  }
}
