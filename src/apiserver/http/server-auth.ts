/**
 * Composes authentication and authorization for one API server: the token authenticator
 * (admin, token file, ServiceAccount JWTs signed with the server's key), the per-cluster RBAC
 * policy cache, and what the write path and REST need from them (the escalation hook, the
 * Secret token hook, TokenRequest and the review APIs, the aggregation and token
 * controllers). The server adds the pieces to its own hooks, extensions and controllers.
 */
import type { Logger } from 'pino';
import { loadOrCreateServiceAccountKeys } from '../auth/pki.js';
import { createTokenIssuer } from '../auth/token-issuer.js';
import { createAuthenticator } from '../auth/tokens.js';
import { ClusterRoleAggregation } from '../controllers/cluster-role-aggregation.js';
import { RbacPolicyCache } from '../controllers/rbac-policy-cache.js';
import { SECRETS_KEY, ServiceAccountTokenSecrets, serviceAccountTokenHook } from '../controllers/service-account-tokens.js';
import type { LogicalClusters } from '../logical-clusters.js';
import type { ObjectService } from '../rest/object-service.js';
import { RBAC_RESOURCE_KEYS, rbacEscalationHook } from '../rest/rbac-escalation-hook.js';
import type { ExtensionHandler } from '../rest/resource-handler.js';
import type { ResourceHook } from '../rest/resource-hooks.js';
import { reviewHandler } from '../rest/review-handlers.js';
import { tokenRequestHandler } from '../rest/token-request.js';
import type { ObjectStore } from '../storage/object-store.js';
import { RequestAuth } from './request-auth.js';
import { readTokenAuthFile } from './token-auth-file.js';

export interface ServerAuthOptions {
  dataDir: string;
  adminToken: string;
  tokenAuthFile?: string;
  /** The CA clients trust, written into ServiceAccount token Secrets (undefined over HTTP). */
  caPem: string | undefined;
  store: ObjectStore;
  service: ObjectService;
  clusters: LogicalClusters;
  now: () => Date;
  logger: Logger;
}

export interface Lifecycle {
  start(): void;
  stop(): Promise<void>;
}

export interface ServerAuth {
  requestAuth: RequestAuth;
  /** Started before anything is written, so the policy sees every RBAC object. */
  policies: RbacPolicyCache;
  hooks: Array<{ hook: ResourceHook; resourceKey: string }>;
  extensions: ExtensionHandler[];
  controllers: Lifecycle[];
}

export async function createServerAuth(options: ServerAuthOptions): Promise<ServerAuth> {
  const { store, service, clusters, logger } = options;
  const nowMs = () => options.now().getTime();
  const keys = await loadOrCreateServiceAccountKeys({ dataDir: options.dataDir });
  const issuer = await createTokenIssuer({ keys, now: nowMs });
  const staticTokens = options.tokenAuthFile ? await readTokenAuthFile(options.tokenAuthFile, logger) : [];
  const authenticator = createAuthenticator({ adminToken: options.adminToken, staticTokens, serviceAccounts: issuer.verification(), now: nowMs });
  const policies = new RbacPolicyCache(store);
  const policy = (cluster: string) => policies.policy(cluster);
  const onError = (err: unknown) => logger.error({ err }, 'api server controller failed');
  const escalation = rbacEscalationHook({ policy });
  return {
    requestAuth: new RequestAuth({ authenticator, store, policy, logger }),
    policies,
    hooks: [
      ...RBAC_RESOURCE_KEYS.map((resourceKey) => ({ hook: escalation, resourceKey })),
      { hook: serviceAccountTokenHook({ store, issuer, caPem: () => options.caPem }), resourceKey: SECRETS_KEY },
    ],
    extensions: [
      reviewHandler({ policy }),
      tokenRequestHandler({ service, issuer, now: options.now, secretsResource: (c) => clusters.get(c)?.registry.byResourceKey(SECRETS_KEY) }),
    ],
    controllers: [new ClusterRoleAggregation(store, service, clusters, onError), new ServiceAccountTokenSecrets(store, service, clusters, onError)],
  };
}
