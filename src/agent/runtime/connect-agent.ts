/**
 * Starting an agent as the command line does: find the hub credential (the one stored on the
 * member, else register with the token and store what the hub grants), then run a
 * ClusterAgent with it. A stored credential the hub no longer accepts is replaced by
 * registering again when a token is at hand; without one the agent says so and stops.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { API_VERSION } from '../../api/group.js';
import { isUnauthorized } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import type { ConnectionPools } from '../../kube/connection-pools.js';
import type { DurationLike } from '../../kube/duration.js';
import { ObjectClient, type ObjectClientOptions } from '../../kube/object-client.js';
import { hubKubeConfig, type AgentCredential } from '../registration/agent-credential.js';
import { CredentialStore } from '../registration/credential-store.js';
import { RegistrationError, registerCluster } from '../registration/register-cluster.js';
import { ClusterAgent } from './cluster-agent.js';
import { ImpersonatingClients } from './impersonating-clients.js';

export interface ConnectAgentOptions {
  memberKubeConfig: KubeConfig;
  /** The hub URL; default the stored credential's. */
  hubServer?: string;
  hubCaPem?: string;
  /** The registration token; needed only when no usable credential is stored. */
  token?: string;
  clusterName?: string;
  labels?: Readonly<Record<string, string>>;
  version: string;
  clock: Clock;
  logger: Logger;
  heartbeatInterval?: DurationLike;
  resyncInterval?: DurationLike;
  registrationTimeout?: DurationLike;
  signal?: AbortSignal;
  /**
   * Keep-alive connections shared with the other agents of this process (`--simulate`): an
   * agent's own TLS connections beside its watches cost about 100 KiB each. Requests still
   * carry each agent's own credentials; without it the agent keeps connections of its own.
   */
  connections?: ConnectionPools;
}

export interface ConnectedAgent {
  readonly agent: ClusterAgent;
  readonly credential: AgentCredential;
  /** Whether this start registered (false: it used the stored credential). */
  readonly registered: boolean;
  stop(): Promise<void>;
}

function clientOptions(options: Pick<ConnectAgentOptions, 'connections'>): ObjectClientOptions {
  return options.connections ? { connections: options.connections } : {};
}

async function accepted(credential: AgentCredential, options: ConnectAgentOptions): Promise<boolean> {
  const signal = options.signal;
  const hub = await ObjectClient.create(hubKubeConfig(credential), clientOptions(options));
  try {
    await hub.list({ apiVersion: API_VERSION, kind: 'BundleDeployment' }, { namespace: credential.clusterNamespace, limit: 1, signal });
    return true;
  } catch (err) {
    if (isUnauthorized(err)) return false;
    // Anything else (the hub unreachable now) is not a verdict on the credential: keep it and let the agent retry.
    return true;
  } finally {
    hub.close();
  }
}

async function findCredential(options: ConnectAgentOptions, store: CredentialStore): Promise<{ credential: AgentCredential; registered: boolean }> {
  const stored = await store.read(options.signal);
  if (stored) {
    const credential = { ...stored, hubServer: options.hubServer ?? stored.hubServer, ...(options.hubCaPem ? { hubCaPem: options.hubCaPem } : {}) };
    if (!options.token || (await accepted(credential, options))) return { credential, registered: false };
    options.logger.warn('the hub no longer accepts the stored credential; registering again with the token');
  }
  if (!options.token) throw new RegistrationError('TokenRejected', 'no hub credential is stored on the member and no registration token was given (--token)');
  if (!options.hubServer) throw new RegistrationError('TokenRejected', 'registering needs the hub URL (--hub)');
  const clientID = await store.clientId(options.signal);
  const credential = await registerCluster({
    hubServer: options.hubServer,
    ...(options.hubCaPem ? { hubCaPem: options.hubCaPem } : {}),
    token: options.token,
    clientID,
    ...(options.clusterName ? { clusterName: options.clusterName } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
    clock: options.clock,
    logger: options.logger,
    ...(options.registrationTimeout ? { timeout: options.registrationTimeout } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    client: clientOptions(options),
  });
  await store.write(credential, options.signal);
  return { credential, registered: true };
}

export async function connectAgent(options: ConnectAgentOptions): Promise<ConnectedAgent> {
  const member = await ObjectClient.create(options.memberKubeConfig, clientOptions(options));
  const impersonating = new ImpersonatingClients(options.memberKubeConfig, clientOptions(options));
  let hub: ObjectClient | undefined;
  try {
    const { credential, registered } = await findCredential(options, new CredentialStore(member));
    hub = await ObjectClient.create(hubKubeConfig(credential), clientOptions(options));
    const agent = new ClusterAgent({
      hub,
      member,
      impersonate: (username) => impersonating.get(username),
      workspace: credential.workspace,
      clusterName: credential.clusterName,
      clusterNamespace: credential.clusterNamespace,
      version: options.version,
      clock: options.clock,
      logger: options.logger,
      ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}),
      ...(options.resyncInterval ? { resyncInterval: options.resyncInterval } : {}),
    });
    await agent.start(options.signal);
    const hubClient = hub;
    return {
      agent,
      credential,
      registered,
      async stop() {
        await agent.stop();
        hubClient.close();
        await impersonating.close();
        member.close();
      },
    };
  } catch (err) {
    hub?.close();
    await impersonating.close();
    member.close();
    throw err;
  }
}
