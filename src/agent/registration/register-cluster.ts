/**
 * Registering a member with a hub: with the registration token, create a ClusterRegistration
 * (client ID from the member, a random part so each attempt has its own unguessable name and
 * result Secret), wait until the hub grants or refuses it, and read the agent's own hub token
 * from the result Secret. The token is used for nothing else. A token the hub rejects
 * (expired, deleted, never valid) ends registration at once with reason TokenRejected.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClusterRegistration } from '../../api/cluster-registration.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { CLUSTERS_SYSTEM_NAMESPACE, LABELS, keyHash } from '../../api/names.js';
import { isForbidden, isNotFound, isUnauthorized } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration, type DurationLike } from '../../kube/duration.js';
import { ObjectClient, type ObjectClientOptions } from '../../kube/object-client.js';
import { hubKubeConfig, type AgentCredential } from './agent-credential.js';
import { grantPollDelay } from './grant-poll.js';
import { MalformedTokenError, tokenClaims } from './token-claims.js';

export type RegistrationFailureReason = 'TokenRejected' | 'MalformedToken' | 'Refused' | 'TimedOut';

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';

  constructor(
    readonly reason: RegistrationFailureReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export interface RegisterOptions {
  hubServer: string;
  hubCaPem?: string;
  token: string;
  clientID: string;
  clusterName?: string;
  labels?: Readonly<Record<string, string>>;
  clock: Clock;
  logger: Logger;
  /** How long to wait for the hub to grant; default 2 minutes. */
  timeout?: DurationLike;
  signal?: AbortSignal;
  /** Options of the hub client (e.g. connections shared with the host's other agents). */
  client?: ObjectClientOptions;
}

function rejected(err: unknown): RegistrationError | undefined {
  if (isUnauthorized(err)) return new RegistrationError('TokenRejected', 'the hub rejected the registration token: it is expired or unknown', { cause: err });
  if (isForbidden(err)) return new RegistrationError('TokenRejected', 'the registration token may not register clusters in this workspace', { cause: err });
  return undefined;
}

function registrationObject(options: RegisterOptions, workspace: string, tokenName: string): ClusterRegistration {
  const clientRandom = randomBytes(16).toString('hex');
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRegistration',
    metadata: { name: `reg-${keyHash(options.clientID)}-${clientRandom.slice(0, 16)}`, namespace: workspace, labels: { [LABELS.clusterRegistrationToken]: tokenName } },
    spec: { clientID: options.clientID, clientRandom, ...(options.labels ? { clusterLabels: { ...options.labels } } : {}), ...(options.clusterName ? { clusterName: options.clusterName } : {}) },
  };
}

export async function registerCluster(options: RegisterOptions): Promise<AgentCredential> {
  let claims;
  try {
    claims = tokenClaims(options.token);
  } catch (err) {
    if (err instanceof MalformedTokenError) throw new RegistrationError('MalformedToken', err.message, { cause: err });
    throw err;
  }
  const hub = await ObjectClient.create(hubKubeConfig({ hubServer: options.hubServer, hubCaPem: options.hubCaPem, token: options.token, clusterName: 'registration' }), options.client);
  try {
    let created: ClusterRegistration;
    try {
      created = await hub.create(registrationObject(options, claims.workspace, claims.serviceAccount), { signal: options.signal });
    } catch (err) {
      throw rejected(err) ?? err;
    }
    options.logger.info({ registration: created.metadata.name, workspace: claims.workspace }, 'registration requested; waiting for the hub to grant it');
    const deadline = options.clock.now() + (options.timeout ?? Duration.minutes(2)).toMilliseconds();
    const granted = await waitForGrant(hub, created, deadline, options);
    const token = await readResultToken(hub, granted.status?.secretName ?? '', deadline, options);
    return {
      hubServer: options.hubServer,
      ...(options.hubCaPem ? { hubCaPem: options.hubCaPem } : {}),
      token: token.token,
      workspace: claims.workspace,
      clusterName: granted.status?.clusterName ?? '',
      clusterNamespace: token.clusterNamespace,
      clientID: options.clientID,
    };
  } finally {
    hub.close();
  }
}

async function waitForGrant(hub: ObjectClient, created: ClusterRegistration, deadline: number, options: RegisterOptions): Promise<ClusterRegistration> {
  const ref = { apiVersion: API_VERSION, kind: 'ClusterRegistration', namespace: created.metadata.namespace, name: created.metadata.name ?? '' };
  for (let attempt = 1; ; attempt++) {
    let current: ClusterRegistration;
    try {
      current = await hub.get<ClusterRegistration>(ref, { signal: options.signal });
    } catch (err) {
      throw rejected(err) ?? err;
    }
    if (current.status?.granted && current.status.secretName && current.status.clusterName) return current;
    const refusal = current.status?.conditions?.find((c) => c.type === CONDITION_TYPES.Granted && c.status === 'False');
    if (refusal) throw new RegistrationError('Refused', `the hub refused the registration (${refusal.reason ?? 'Refused'}): ${refusal.message ?? ''}`);
    await pause(deadline, attempt, options, 'the hub did not grant the registration');
  }
}

async function readResultToken(hub: ObjectClient, secretName: string, deadline: number, options: RegisterOptions): Promise<{ token: string; clusterNamespace: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const secret = await hub.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: CLUSTERS_SYSTEM_NAMESPACE, name: secretName }, { signal: options.signal });
      const data = (secret.data ?? {}) as Record<string, string | undefined>;
      const text = (k: string) => (data[k] ? Buffer.from(data[k], 'base64').toString('utf8') : '');
      if (text('token') && text('clusterNamespace')) return { token: text('token'), clusterNamespace: text('clusterNamespace') };
    } catch (err) {
      if (isUnauthorized(err)) throw rejected(err)!;
      // The read grant may land a moment after the status says granted.
      if (!isForbidden(err) && !isNotFound(err)) throw err;
    }
    await pause(deadline, attempt, options, 'the hub did not hand over the agent credential');
  }
}

async function pause(deadline: number, attempt: number, options: RegisterOptions, what: string): Promise<void> {
  const now = options.clock.now();
  if (now >= deadline) throw new RegistrationError('TimedOut', `${what} in time`);
  // Never sleep past the deadline: the last read comes at it, not a whole poll later.
  const wait = Math.min(grantPollDelay(attempt).toMilliseconds(), Math.max(1, deadline - now));
  await options.clock.sleep(Duration.milliseconds(wait), options.signal);
}
