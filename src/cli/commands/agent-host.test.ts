import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { AgentHost, retryDelay } from './agent-host.js';

class Permanent extends Error {}

/** Instance i fails its first `failFirst[i]` starts (with a Permanent error when `permanent[i]`). */
interface Script {
  failFirst: number[];
  permanent?: boolean[];
}

async function runHost(script: Script, concurrency: number) {
  const attempts = script.failFirst.map(() => 0);
  let starting = 0;
  let mostStarting = 0;
  const stopped: number[] = [];
  const host = new AgentHost<number, { stop(): Promise<void> }>({
    instances: script.failFirst.map((_, i) => i),
    start: async (i) => {
      starting++;
      mostStarting = Math.max(mostStarting, starting);
      await new Promise((resolve) => setTimeout(resolve, 5));
      starting--;
      attempts[i] = (attempts[i] ?? 0) + 1;
      if ((attempts[i] ?? 0) <= (script.failFirst[i] ?? 0)) throw script.permanent?.[i] ? new Permanent('refused') : new Error('hub unreachable');
      return { stop: () => Promise.resolve(void stopped.push(i)) };
    },
    isPermanent: (err) => err instanceof Permanent,
    concurrency,
    backoff: { initial: Duration.milliseconds(1), max: Duration.milliseconds(4) },
    clock: systemClock(),
    logger: pino({ level: 'silent' }),
    describe: (i) => `agent ${i}`,
  });
  const outcome = await host.start();
  await host.stop();
  return { outcome, attempts, mostStarting, stopped: stopped.sort() };
}

describe('AgentHost', () => {
  const cases = [
    { name: 'an agent that fails to start is retried until it runs, and the others run meanwhile', script: { failFirst: [0, 3, 0] }, concurrency: 3, running: 3, failures: 0, attempts: [1, 4, 1] },
    { name: 'a permanent failure is not retried and the other agents keep running', script: { failFirst: [0, 1, 0], permanent: [false, true, false] }, concurrency: 3, running: 2, failures: 1, attempts: [1, 1, 1] },
    { name: 'when every agent fails for good, none runs and each failure is reported', script: { failFirst: [1, 1], permanent: [true, true] }, concurrency: 2, running: 0, failures: 2, attempts: [1, 1] },
  ];
  it.each(cases)('$name', async ({ script, concurrency, running, failures, attempts }) => {
    const result = await runHost(script, concurrency);
    expect(result.outcome.running).toBe(running);
    expect(result.outcome.failures).toHaveLength(failures);
    expect(result.attempts).toEqual(attempts);
    expect(result.stopped).toHaveLength(running);
  });

  const bounds = [
    { name: 'no more agents start at once than the concurrency allows', agents: 12, concurrency: 3 },
    { name: 'a concurrency of one starts agents one after another', agents: 4, concurrency: 1 },
  ];
  it.each(bounds)('$name', async ({ agents, concurrency }) => {
    const result = await runHost({ failFirst: Array.from({ length: agents }, () => 0) }, concurrency);
    expect(result.mostStarting).toBe(concurrency);
    expect(result.outcome.running).toBe(agents);
  });
});

describe('AgentHost stopped while agents wait for a start slot', () => {
  it('begins none of the waiting starts, and stops the agent whose start was under way', async () => {
    const begun: number[] = [];
    const stopped: number[] = [];
    let release: () => void = () => undefined;
    const host = new AgentHost<number, { stop(): Promise<void> }>({
      instances: [0, 1, 2],
      start: async (i) => {
        begun.push(i);
        await new Promise<void>((resolve) => (release = resolve));
        return { stop: () => Promise.resolve(void stopped.push(i)) };
      },
      isPermanent: () => false,
      concurrency: 1,
      backoff: { initial: Duration.milliseconds(1), max: Duration.milliseconds(4) },
      clock: systemClock(),
      logger: pino({ level: 'silent' }),
      describe: (i) => `agent ${i}`,
    });
    const outcome = host.start();
    await vi.waitFor(() => expect(begun).toEqual([0]));
    await host.stop();
    release();
    expect(await outcome).toEqual({ running: 0, failures: [] });
    expect(begun).toEqual([0]);
    expect(stopped).toEqual([0]);
  });
});

describe('retryDelay', () => {
  const backoff = { initial: Duration.seconds(1), max: Duration.seconds(30) };
  const cases = [
    { name: 'the first retry waits the initial delay when the spread is centred', failures: 1, random: 0.5, ms: 1000 },
    { name: 'retries double their wait', failures: 3, random: 0.5, ms: 4000 },
    { name: 'the wait stops growing at the cap, spread by up to a quarter', failures: 20, random: 1, ms: 37_500 },
  ];
  it.each(cases)('$name', ({ failures, random, ms }) => {
    expect(retryDelay(backoff, failures, () => random).toMilliseconds()).toBe(ms);
  });
});
