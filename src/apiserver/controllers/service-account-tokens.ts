/**
 * Legacy ServiceAccount token Secrets, as Kubernetes' tokens controller keeps them: a Secret
 * of type `kubernetes.io/service-account-token` naming a ServiceAccount in its
 * `kubernetes.io/service-account.name` annotation gets `data.token` (a JWT bound to the Secret
 * and ServiceAccount uids), `data["ca.crt"]` and `data.namespace` written by the server, and
 * the ServiceAccount's uid in an annotation. The hook fills them on every write; the
 * controller fills Secrets created before their ServiceAccount, and deletes a ServiceAccount's
 * token Secrets when it goes (its tokens already stopped working: the uid check revokes them).
 */
import type { KubeObject } from '../../api/meta.js';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { resourceKey } from '../resource-type.js';
import type { Target } from '../rest/object-service.js';
import type { ResourceHook } from '../rest/resource-hooks.js';
import { errors, StatusError } from '../status.js';
import type { ObjectStore, StoreEvent } from '../storage/object-store.js';
import { StoreController } from './store-controller.js';

export const SECRETS_KEY = resourceKey('', 'secrets');
export const SERVICE_ACCOUNTS_KEY = resourceKey('', 'serviceaccounts');
export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const SERVICE_ACCOUNT_UID_ANNOTATION = 'kubernetes.io/service-account.uid';

export interface TokenSecretDeps {
  store: ObjectStore;
  issuer: TokenIssuer;
  /** The CA clients verify the server with; written as `ca.crt` (absent over plain HTTP). */
  caPem: () => string | undefined;
}

type SecretObject = KubeObject & { type?: string; data?: Record<string, string> };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function serviceAccountName(secret: SecretObject): string | undefined {
  return secret.type === SERVICE_ACCOUNT_TOKEN_TYPE ? secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] : undefined;
}

/** Fills the token fields of a ServiceAccount token Secret whose ServiceAccount exists. */
export function serviceAccountTokenHook(deps: TokenSecretDeps): ResourceHook {
  return {
    async beforeWrite(obj, ctx) {
      const secret = obj as SecretObject;
      if (secret.type !== SERVICE_ACCOUNT_TOKEN_TYPE) return;
      const saName = serviceAccountName(secret);
      if (!saName) {
        const field = `metadata.annotations[${SERVICE_ACCOUNT_NAME_ANNOTATION}]`;
        const target = { group: '', resource: 'secrets', kind: 'Secret', name: secret.metadata.name };
        throw errors.invalid(target, [{ reason: 'FieldValueRequired', field, message: 'Required value' }]);
      }
      const sa = deps.store.get(ctx.target.cluster, SERVICE_ACCOUNTS_KEY, ctx.target.namespace, saName)?.obj;
      // Kubernetes leaves such a Secret empty; the controller fills it once the ServiceAccount appears.
      if (!sa?.metadata.uid || sa.metadata.deletionTimestamp) return;
      await populate(secret, sa, deps);
    },
  };
}

async function populate(secret: SecretObject, sa: KubeObject, deps: TokenSecretDeps): Promise<void> {
  const saUid = sa.metadata.uid ?? '';
  const annotations = secret.metadata.annotations ?? {};
  const data = { ...secret.data };
  const current = annotations[SERVICE_ACCOUNT_UID_ANNOTATION] === saUid && data.token;
  if (!current) {
    const namespace = secret.metadata.namespace ?? '';
    const ref = (o: KubeObject) => ({ name: o.metadata.name ?? '', uid: o.metadata.uid ?? '' });
    data.token = b64(await deps.issuer.issue({ namespace, serviceAccount: ref(sa), secret: ref(secret) }));
  }
  const ca = deps.caPem();
  if (ca) data['ca.crt'] = b64(ca);
  data.namespace = b64(secret.metadata.namespace ?? '');
  secret.data = data;
  secret.metadata.annotations = { ...annotations, [SERVICE_ACCOUNT_UID_ANNOTATION]: saUid };
}

export class ServiceAccountTokenSecrets extends StoreController {



  protected onEvent(e: StoreEvent): void {
    if (e.resource !== SERVICE_ACCOUNTS_KEY || e.type === 'MODIFIED') return;
    const sa = e.entry.obj;
    const work = e.type === 'ADDED' ? () => this.fill(e.cluster, sa) : () => this.purge(e.cluster, sa);
    this.schedule(work);
  }

  private secretsTarget(cluster: string, namespace: string): Target | undefined {
    const resource = this.clusters.get(cluster)?.registry.byResourceKey(SECRETS_KEY);
    return resource && { cluster, resource, namespace };
  }

  private tokenSecretsOf(cluster: string, sa: KubeObject): SecretObject[] {
    const namespace = sa.metadata.namespace ?? '';
    const secrets = [...this.store.entries(cluster, SECRETS_KEY, namespace)].map((e) => e.obj as SecretObject);
    return secrets.filter((s) => serviceAccountName(s) === sa.metadata.name);
  }

  /** Secrets written before their ServiceAccount: rewriting them lets the hook fill them. */
  private async fill(cluster: string, sa: KubeObject): Promise<void> {
    const target = this.secretsTarget(cluster, sa.metadata.namespace ?? '');
    if (!target) return;
    for (const secret of this.tokenSecretsOf(cluster, sa)) {
      if (secret.data?.token || secret.metadata.deletionTimestamp) continue;
      await this.service.write(target, secret, structuredClone(secret), { operation: 'update', fieldManager: 'tokens-controller' });
    }
  }

  private async purge(cluster: string, sa: KubeObject): Promise<void> {
    const target = this.secretsTarget(cluster, sa.metadata.namespace ?? '');
    if (!target) return;
    for (const secret of this.tokenSecretsOf(cluster, sa)) {
      const boundUid = secret.metadata.annotations?.[SERVICE_ACCOUNT_UID_ANNOTATION];
      // A Secret bound to a newer ServiceAccount of the same name is not this one's to delete.
      if (boundUid && boundUid !== sa.metadata.uid) continue;
      await this.service.delete(target, secret.metadata.name ?? '').catch((err: unknown) => {
        // Someone else (the namespace's deletion, a user) got there first: nothing left to do.
        if (!(err instanceof StatusError && err.code === 404)) throw err;
      });
    }
  }
}
