/**
 * The liveness monitor against a real hub: a Cluster first seen with an old heartbeat is lost
 * at once (a restart does not revive a dead agent), and a later heartbeat counts from when the
 * monitor heard it, even when its stamp is older than the grace period, as a beat that waited
 * behind a busy hub's backlog is.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { Informer } from '../../kube/informer.js';
import { startTestHub } from '../../../test/support/test-hub.js';
import { AGENT_CONNECTED } from './agent-liveness.js';
import { LivenessMonitor } from './liveness-monitor.js';

const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
const REF = { apiVersion: API_VERSION, kind: 'Cluster', namespace: 'fleet-default', name: 'east' };
const WAIT = { timeout: 10_000, interval: 50 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

describe('LivenessMonitor', () => {
  it('counts a heartbeat from when it was heard, not from its stamp', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    const beat = (lastSeen: string) => hub.client.patch(REF, { status: { agent: { lastSeen } } }, { type: 'merge', subresource: 'status' });
    await hub.client.create({ ...REF, metadata: { name: REF.name, namespace: REF.namespace }, spec: {} });
    await beat(ago(300));

    const clusters = new Informer<Cluster>({ client: hub.client, apiVersion: API_VERSION, kind: 'Cluster', logger });
    const monitor = new LivenessMonitor({ client: hub.client, clock: systemClock(), logger, clusters, grace: Duration.seconds(30) });
    const stopping = new AbortController();
    clusters.start(stopping.signal);
    monitor.start(stopping.signal);
    cleanups.push(async () => {
      stopping.abort();
      await monitor.stop();
      await clusters.stop();
    });
    const connected = async () => ((await hub.client.get<Cluster>(REF)).status?.conditions ?? []).find((c) => c.type === AGENT_CONNECTED);

    await expect.poll(connected, WAIT).toMatchObject({ status: 'False', reason: 'AgentNotReporting' });
    // A beat stamped two minutes ago (four grace periods) arrives now: the agent is alive.
    await beat(ago(120));
    await expect.poll(connected, WAIT).toMatchObject({ status: 'True', reason: 'Heartbeat' });
  });
});
