import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { ManualClock } from './clock.js';
import { Duration } from './duration.js';
import { LeaderElector, type Lease, type LeaderElectionOptions } from './leader-election.js';
import { ObjectClient } from './object-client.js';

let api: TestApiServer;
let client: ObjectClient;
beforeAll(async () => {
  api = await startTestApiServer();
  client = await ObjectClient.create(api.kubeConfig());
});
afterAll(async () => {
  client?.close();
  await api?.stop();
});

const retry = Duration.seconds(2);
const leaseDuration = Duration.seconds(15);

/** Electors on one Lease, driven by one manual clock. */
function candidates(lease: string, identities: string[], extra: Partial<LeaderElectionOptions> = {}) {
  const clock = new ManualClock(1_700_000_000_000);
  const leadingSince = new Map<string, AbortSignal>();
  const electors = identities.map(
    (identity) =>
      new LeaderElector({
        client,
        namespace: 'default',
        name: lease,
        identity,
        clock,
        leaseDuration,
        renewDeadline: Duration.seconds(10),
        retryPeriod: retry,
        onStartedLeading: (signal) => leadingSince.set(identity, signal),
        ...extra,
      }),
  );
  const leaders = () => electors.filter((e) => e.isLeader()).length;
  /** Moves time one retry period once every running elector is asleep. */
  const tick = async (running: number) => {
    await expect.poll(() => clock.waiting).toBe(running);
    clock.advance(retry);
  };
  return { clock, electors, leadingSince, leaders, tick };
}

const leaseSpec = async (name: string) => (await client.get<Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'default', name })).spec;

describe('LeaderElector', () => {
  it('lets exactly one of two candidates lead when both start together', async () => {
    const { electors, leaders, tick } = candidates('race', ['a', 'b']);
    for (const e of electors) e.start();
    for (let i = 0; i < 3; i++) await tick(2);
    await expect.poll(leaders).toBe(1);
    const spec = await leaseSpec('race');
    expect(electors.find((e) => e.isLeader())?.leader).toBe(spec?.holderIdentity);
    for (const e of electors) await e.stop();
  });

  it('hands over at the next try when the leader stops and releases the lease', async () => {
    const { electors, tick, leadingSince } = candidates('handover', ['a', 'b']);
    const [a, b] = electors as [LeaderElector, LeaderElector];
    a.start();
    await expect.poll(() => a.isLeader()).toBe(true);
    b.start();
    await tick(2);
    await tick(2);
    expect(b.isLeader()).toBe(false);
    expect(b.leader).toBe('a');
    await a.stop();
    expect(leadingSince.get('a')?.aborted).toBe(true);
    await tick(1);
    await expect.poll(() => b.isLeader()).toBe(true);
    expect(await leaseSpec('handover')).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.stop();
  });

  it('takes over from a leader that vanished without releasing, once the lease duration has passed', async () => {
    const { electors, clock, tick } = candidates('crash', ['a', 'b'], { releaseOnStop: false });
    const [a, b] = electors as [LeaderElector, LeaderElector];
    a.start();
    await expect.poll(() => a.isLeader()).toBe(true);
    await a.stop();
    b.start();
    const startedAt = clock.now();
    while (!b.isLeader()) {
      await tick(1);
      // Give the elector a moment to act on the new time before checking.
      await expect.poll(() => clock.waiting).toBe(1);
      expect(clock.now() - startedAt).toBeLessThanOrEqual(leaseDuration.toMilliseconds() + retry.toMilliseconds());
    }
    expect(clock.now() - startedAt).toBeGreaterThanOrEqual(leaseDuration.toMilliseconds());
    expect(await leaseSpec('crash')).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.stop();
  });

  it('steps down at once when it finds another holder in the lease', async () => {
    const { electors, tick, leadingSince } = candidates('intruded', ['a']);
    const [a] = electors as [LeaderElector];
    a.start();
    await expect.poll(() => a.isLeader()).toBe(true);
    const lease = await client.get<Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'default', name: 'intruded' });
    await client.update({ ...lease, spec: { ...lease.spec, holderIdentity: 'intruder' } });
    await tick(1);
    await expect.poll(() => a.isLeader()).toBe(false);
    expect(leadingSince.get('a')?.aborted).toBe(true);
    expect(a.leader).toBe('intruder');
    await a.stop();
    expect((await leaseSpec('intruded'))?.holderIdentity).toBe('intruder');
  });

  it('refuses a renew deadline as long as the lease', () => {
    expect(() => new LeaderElector({ client, namespace: 'default', name: 'x', identity: 'a', leaseDuration, renewDeadline: leaseDuration })).toThrow(/renewDeadline/);
  });
});
