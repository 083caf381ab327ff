/**
 * A hub for agent fault cases: a real embedded API server, bootstrapped, with the hub's
 * targeting, status and registration controllers in-process (the liveness grace short, so a
 * silent agent is noticed within seconds), a registration token, and helpers to place
 * Bundles of plain YAML on one cluster and read what the agents report. Agents and member
 * API servers are the case's own (in-process or child processes): the faults are theirs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { pino, type Logger } from 'pino';
import { vi } from 'vitest';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { Cluster } from '../../../src/api/cluster.js';
import type { ClusterRegistrationToken } from '../../../src/api/cluster-registration-token.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { Condition, KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { connectAgent, type ConnectedAgent } from '../../../src/agent/runtime/index.js';
import { bootstrapHub } from '../../../src/controller/bootstrap/index.js';
import { startRegistration, type RunningRegistration } from '../../../src/controller/registration/index.js';
import { startTargeting, type RunningTargeting } from '../../../src/controller/targeting/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { systemClock } from '../../../src/kube/clock.js';
import { Duration, type DurationLike } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

export const WORKSPACE = 'fleet-default';

export interface AgentWorldOptions {
  /** How long an agent may be silent before its Cluster is marked lost; default 2 s. */
  livenessGrace?: DurationLike;
}

export interface InProcessAgentOptions {
  member: KubeConfig;
  clusterName: string;
  /** The hub URL the agent dials (a tcp-gate in front of the hub, say); default the hub's own. */
  hubServer?: string;
  resyncInterval?: DurationLike;
}

export interface AgentWorld {
  readonly hubApi: TestApiServer;
  /** The hub, as its admin. */
  readonly hub: ObjectClient;
  readonly hubUrl: string;
  readonly hubCaPem: string;
  /** The hub CA as a file, for `flotilla agent --hub-ca`. */
  readonly hubCaPath: string;
  /** A registration token of the workspace, valid for an hour. */
  readonly token: string;
  /** A scratch directory removed by stop(). */
  readonly dir: string;
  readonly logger: Logger;
  /** Registers (or reconnects) an agent in this process on the real HTTP clients; stopped by stop(). */
  connectAgent(options: InProcessAgentOptions): Promise<ConnectedAgent>;
  /** Creates or replaces Bundle `name` holding `yaml` (one file), deployed to one cluster. */
  setBundle(name: string, yaml: string, options: { cluster: string; defaultNamespace: string }): Promise<void>;
  bundleDeployment(cluster: string, bundle: string): Promise<BundleDeployment | undefined>;
  cluster(name: string): Promise<Cluster>;
  stop(): Promise<void>;
}

/** A condition of a status by type. */
export function conditionOf(status: { conditions?: Condition[] } | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

async function createToken(hub: ObjectClient): Promise<string> {
  const name = 'agent-faults';
  await hub.create<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', metadata: { name, namespace: WORKSPACE }, spec: { ttl: '1h' } });
  let token = '';
  await vi.waitFor(
    async () => {
      const crt = (await hub.get<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', namespace: WORKSPACE, name })) as unknown as ClusterRegistrationToken;
      const secret = await hub.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: WORKSPACE, name: crt.status?.secretName ?? 'none' });
      const data = secret.data as Record<string, string> | undefined;
      if (!data?.token) throw new Error('the token Secret is not filled in yet');
      token = Buffer.from(data.token, 'base64').toString('utf8');
    },
    { timeout: 20_000, interval: 100 },
  );
  return token;
}

export async function startAgentWorld(options: AgentWorldOptions = {}): Promise<AgentWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-agent-faults-'));
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const hubApi = await startTestApiServer();
  const hub = await ObjectClient.create(hubApi.kubeConfig());
  await bootstrapHub({ client: hub, clock, logger });
  const targeting: RunningTargeting = await startTargeting({ client: hub, clock, logger });
  const registration: RunningRegistration = await startRegistration({ kubeConfig: hubApi.kubeConfig(), logger, clock, livenessGrace: options.livenessGrace ?? Duration.seconds(2) });
  const token = await createToken(hub);
  const hubCaPem = hubApi.server.ca;
  if (!hubCaPem) throw new Error('the test hub serves HTTPS, so it has a CA');
  const hubCaPath = join(dir, 'hub-ca.pem');
  await writeFile(hubCaPath, hubCaPem);
  const agents: ConnectedAgent[] = [];
  const bundleRef = (name: string) => ({ apiVersion: API_VERSION, kind: 'Bundle', namespace: WORKSPACE, name });

  return {
    hubApi,
    hub,
    hubUrl: hubApi.server.url,
    hubCaPem,
    hubCaPath,
    token,
    dir,
    logger,
    async connectAgent(agent) {
      const connected = await connectAgent({
        memberKubeConfig: agent.member,
        hubServer: agent.hubServer ?? hubApi.server.url,
        hubCaPem,
        token,
        clusterName: agent.clusterName,
        version: 'agent-faults',
        clock,
        logger,
        heartbeatInterval: Duration.milliseconds(500),
        registrationTimeout: Duration.seconds(30),
        ...(agent.resyncInterval ? { resyncInterval: agent.resyncInterval } : {}),
      });
      agents.push(connected);
      return connected;
    },
    async setBundle(name, yaml, where) {
      const spec = { defaultNamespace: where.defaultNamespace, resources: [{ name: 'manifests.yaml', content: yaml }], targets: [{ clusterName: where.cluster }] };
      try {
        // A merge patch of the spec, as `kubectl patch` does: a get-then-update raced the controller's Bundle status writes (409).
        await hub.patch(bundleRef(name), { spec }, { type: 'merge' });
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await hub.create<KubeObject>({ apiVersion: API_VERSION, kind: 'Bundle', metadata: { name, namespace: WORKSPACE }, spec });
      }
    },
    async bundleDeployment(cluster, bundle) {
      try {
        return await hub.get<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: clusterNamespaceName(WORKSPACE, cluster), name: bundle });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async cluster(name) {
      return hub.get<Cluster>({ apiVersion: API_VERSION, kind: 'Cluster', namespace: WORKSPACE, name });
    },
    async stop() {
      for (const agent of agents.splice(0)) await agent.stop().catch(() => undefined);
      await registration.stop();
      await targeting.stop();
      hub.close();
      await hubApi.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
