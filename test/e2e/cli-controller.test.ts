/**
 * Operating `flotilla controller` against a real embedded hub: two replicas elect one leader
 * through the Lease flotilla-system/flotilla-controller and only it runs the controllers; the
 * operations endpoint answers /healthz, /readyz and /metrics (reconciles, queue depth, git
 * polls, bundle states, agent heartbeats, leadership); stopping the leader hands over.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startControllerProcess, type ControllerProcess } from '../../src/cli/commands/controller-process.js';
import { Duration } from '../../src/kube/duration.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../support/api-server.js';

let api: TestApiServer;
let client: ObjectClient;
let cacheDir: string;
const replicas: ControllerProcess[] = [];

function startReplica(identity: string): Promise<ControllerProcess> {
  return startControllerProcess({
    kubeConfig: api.kubeConfig(),
    logger: pino({ level: 'silent' }),
    cacheDir: join(cacheDir, identity),
    webhookAddress: '127.0.0.1:0',
    metricsAddress: '127.0.0.1:0',
    leaderElection: { enabled: true, identity, leaseDuration: Duration.seconds(4), renewDeadline: Duration.seconds(3), retryPeriod: Duration.milliseconds(200) },
  });
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

const leaders = () => replicas.filter((r) => r.isLeader());
const lease = () => client.get<{ apiVersion: string; kind: string; metadata: object; spec?: { holderIdentity?: string } }>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'flotilla-system', name: 'flotilla-controller' });

beforeAll(async () => {
  api = await startTestApiServer();
  client = await ObjectClient.create(api.kubeConfig());
  cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-cli-controller-'));
  replicas.push(await startReplica('replica-a'), await startReplica('replica-b'));
  await vi.waitFor(() => expect(leaders().length).toBe(1), { timeout: 20_000, interval: 50 });
  await vi.waitFor(() => expect(leaders()[0]?.running).toBeDefined(), { timeout: 30_000, interval: 50 });
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  client?.close();
  await api?.stop();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('flotilla controller replicas', () => {
  it('exactly one replica leads, holds the Lease and runs the controllers; the other stands by', async () => {
    const [leader] = leaders();
    const standby = replicas.find((r) => r !== leader)!;
    expect((await lease()).spec?.holderIdentity).toBe(leader!.identity);
    expect(standby.isLeader()).toBe(false);
    expect(standby.running).toBeUndefined();
  });

  const endpointCases = [
    { name: '/healthz answers ok on both replicas', path: '/healthz', who: 'both', status: 200, body: /^ok\n$/ },
    { name: '/readyz of the leader says it leads', path: '/readyz', who: 'leader', status: 200, body: /"leading":true/ },
    { name: '/readyz of the standby is ready and names the leader', path: '/readyz', who: 'standby', status: 200, body: /"leading":false,"leader":"replica-[ab]"/ },
    { name: 'an unknown path is a 404 naming the real ones', path: '/nope', who: 'leader', status: 404, body: /try \/metrics, \/healthz or \/readyz/ },
  ];

  it.each(endpointCases)('$name', async ({ path, who, status, body }) => {
    const leader = leaders()[0]!;
    const targets = who === 'both' ? replicas : who === 'leader' ? [leader] : replicas.filter((r) => r !== leader);
    for (const replica of targets) {
      const answer = await get(`${replica.opsUrl}${path}`);
      expect(answer.status).toBe(status);
      expect(answer.text).toMatch(body);
    }
  });

  it('/metrics reports reconciles, queue depth, git polls, bundle states, heartbeats and leadership', async () => {
    const leader = leaders()[0]!;
    await client.create({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'unreachable', namespace: 'fleet-default' }, spec: { repo: 'http://127.0.0.1:9/nothing.git' } });
    const local = await client.get<any>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', namespace: 'fleet-local', name: 'local' });
    await client.updateStatus({ ...local, status: { ...local.status, agent: { lastSeen: new Date(Date.now() - 30_000).toISOString() } } });
    await client.create({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', metadata: { name: 'plain', namespace: 'fleet-default' }, spec: {} });
    await expect.poll(async () => (await get(`${leader.opsUrl}/metrics`)).text, { timeout: 20_000 }).toMatch(/^flotilla_reconcile_total\{controller="gitrepo",outcome="\w+"\} [1-9]/m);
    const { text } = await get(`${leader.opsUrl}/metrics`);
    expect(text).toMatch(/^flotilla_reconcile_duration_seconds_count\{controller="gitrepo"\} [1-9]/m);
    expect(text).toMatch(/^flotilla_workqueue_depth\{controller="gitrepo"\} \d+$/m);
    expect(text).toMatch(/^# TYPE flotilla_git_polls_total counter$/m);
    expect(text).toMatch(/^flotilla_leader 1$/m);
    await expect.poll(async () => (await get(`${leader.opsUrl}/metrics`)).text, { timeout: 10_000 }).toMatch(/^flotilla_bundles\{state="\w+"\} 1$/m);
    await expect.poll(async () => (await get(`${leader.opsUrl}/metrics`)).text, { timeout: 10_000 }).toMatch(/^flotilla_agent_heartbeat_age_seconds\{namespace="fleet-local",cluster="local"\} (3\d|[4-9]\d|\d{3,})(\.\d+)?$/m);
    const standby = replicas.find((r) => r !== leader)!;
    expect((await get(`${standby.opsUrl}/metrics`)).text).toMatch(/^flotilla_leader 0$/m);
  });

  it('stopping the leader releases the Lease and the standby takes over', async () => {
    const leader = leaders()[0]!;
    const standby = replicas.find((r) => r !== leader)!;
    await leader.stop();
    replicas.splice(replicas.indexOf(leader), 1);
    await expect.poll(() => standby.isLeader(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => standby.running !== undefined, { timeout: 30_000 }).toBe(true);
    expect((await lease()).spec?.holderIdentity).toBe(standby.identity);
    expect((await get(`${standby.opsUrl}/readyz`)).text).toMatch(/"leading":true/);
  });
});
