import { afterEach, describe, expect, it } from 'vitest';
import { pino, type Logger } from 'pino';
import type { KubeObject } from '../api/meta.js';
import { startTestApiServer } from '../../test/support/api-server.js';
import { ApiError } from './api-error.js';
import { ManualClock } from './clock.js';
import { Duration } from './duration.js';
import { Informer } from './informer.js';
import { ObjectClient } from './object-client.js';
import { StalledError, TransientError, WaitError } from './reconcile-error.js';
import { reconcileResult, type ReconcileResult } from './reconcile-result.js';
import { Reconciler, type ReconcileFunc } from './reconciler.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

function startReconciler(reconcile: ReconcileFunc, extra: { concurrency?: number; clock?: ManualClock; logger?: Logger } = {}) {
  const reconciler = new Reconciler({
    name: 'test',
    reconcile,
    backoff: { initial: Duration.milliseconds(10), max: Duration.seconds(1) },
    ...extra,
  });
  reconciler.start();
  cleanups.push(() => reconciler.stop());
  return reconciler;
}

/** A promise the test resolves by hand. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Reconciler outcomes', () => {
  const cases: Array<{ name: string; outcomes: Array<ReconcileResult | Error>; advance: number[]; calls: number[] }> = [
    { name: 'done reconciles once and not again', outcomes: [reconcileResult.done()], advance: [60_000], calls: [1] },
    {
      name: 'requeueAfter runs again only when the delay has passed',
      outcomes: [reconcileResult.requeueAfter(Duration.seconds(15)), reconcileResult.done()],
      advance: [14_000, 1000],
      calls: [1, 2],
    },
    {
      name: 'a transient error retries with a delay that doubles',
      outcomes: [new TransientError('Network', 'down'), new TransientError('Network', 'down'), reconcileResult.done()],
      advance: [10, 10, 10],
      calls: [2, 2, 3],
    },
    { name: 'an unclassified error is retried as transient', outcomes: [new Error('boom'), reconcileResult.done()], advance: [10], calls: [2] },
    { name: 'requeue retries with the per-key backoff', outcomes: [reconcileResult.requeue(), reconcileResult.done()], advance: [9, 1], calls: [1, 2] },
    { name: 'a stalled error is not retried', outcomes: [new StalledError('InvalidSpec', 'fix the spec')], advance: [3_600_000], calls: [1] },
    {
      name: 'a wait error retries after its own delay',
      outcomes: [new WaitError('DependencyNotReady', 'waiting for b', Duration.seconds(30)), reconcileResult.done()],
      advance: [29_000, 1000],
      calls: [1, 2],
    },
  ];
  it.each(cases)('$name', async ({ outcomes, advance, calls }) => {
    const clock = new ManualClock();
    let count = 0;
    const reconciler = startReconciler(
      async () => {
        const outcome = outcomes[Math.min(count++, outcomes.length - 1)]!;
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      { clock },
    );
    reconciler.enqueue('ns/a');
    await expect.poll(() => count).toBe(1);
    for (const [i, ms] of advance.entries()) {
      clock.advance(Duration.milliseconds(ms));
      await new Promise((r) => setTimeout(r, 20));
      expect(count, `after advancing step ${i}`).toBe(calls[i]);
    }
  });
});

describe('Reconciler workers', () => {
  it('runs different keys in parallel up to the concurrency', async () => {
    const gate = deferred();
    let running = 0;
    let most = 0;
    let finished = 0;
    const reconciler = startReconciler(
      async () => {
        most = Math.max(most, ++running);
        await gate.promise;
        running--;
        finished++;
        return reconcileResult.done();
      },
      { concurrency: 3 },
    );
    for (const key of ['a', 'b', 'c', 'd', 'e']) reconciler.enqueue(`ns/${key}`);
    await expect.poll(() => running).toBe(3);
    // The two others wait in the work queue, where a repeated add would still collapse.
    expect(reconciler.queue.length).toBe(2);
    gate.resolve();
    await expect.poll(() => finished).toBe(5);
    expect(most).toBe(3);
  });

  it('never gives one key to two workers, and reconciles a key changed meanwhile again', async () => {
    const gates = [deferred(), deferred()];
    const active = new Map<string, number>();
    let overlap = false;
    const seen: string[] = [];
    const reconciler = startReconciler(
      async ({ key }) => {
        if ((active.get(key) ?? 0) > 0) overlap = true;
        active.set(key, (active.get(key) ?? 0) + 1);
        seen.push(key);
        await gates[Math.min(seen.length - 1, 1)]!.promise;
        active.set(key, active.get(key)! - 1);
        return reconcileResult.done();
      },
      { concurrency: 4 },
    );
    reconciler.enqueue('ns/a');
    await expect.poll(() => seen).toEqual(['ns/a']);
    reconciler.enqueue('ns/a');
    reconciler.enqueue('ns/a');
    reconciler.enqueue('ns/b');
    await expect.poll(() => seen).toEqual(['ns/a', 'ns/b']);
    gates[0]!.resolve();
    gates[1]!.resolve();
    await expect.poll(() => seen).toEqual(['ns/a', 'ns/b', 'ns/a']);
    expect(overlap).toBe(false);
  });

  it('gives every reconcile a child logger naming the controller, object and reconcile', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    let n = 0;
    const reconciler = new Reconciler({
      name: 'gitjob',
      logger,
      newReconcileId: () => `id-${++n}`,
      reconcile: async (_req, { logger: log }) => {
        log.info('reconciling');
        return reconcileResult.done();
      },
    });
    reconciler.start();
    cleanups.push(() => reconciler.stop());
    reconciler.enqueue('fleet-default/repo');
    reconciler.enqueueObject({ metadata: { name: 'cluster-scoped' } });
    await expect.poll(() => lines.length).toBe(2);
    expect(lines.map(({ controller, namespace, name, reconcileId, msg }) => ({ controller, namespace, name, reconcileId, msg }))).toEqual([
      { controller: 'gitjob', namespace: 'fleet-default', name: 'repo', reconcileId: 'id-1', msg: 'reconciling' },
      { controller: 'gitjob', namespace: '', name: 'cluster-scoped', reconcileId: 'id-2', msg: 'reconciling' },
    ]);
  });

  it('a conflict (another writer was first) is retried without an error line; other failures log an error', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const clock = new ManualClock();
    const conflict = new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 409, reason: 'Conflict', message: 'the object has been modified' });
    const failures: Record<string, Error[]> = { 'ns/conflicted': [conflict], 'ns/broken': [new Error('boom')] };
    const calls: Record<string, number> = {};
    const reconciler = startReconciler(
      async ({ key }) => {
        calls[key] = (calls[key] ?? 0) + 1;
        const failure = failures[key]?.shift();
        if (failure) throw failure;
        return reconcileResult.done();
      },
      { clock, logger },
    );
    reconciler.enqueue('ns/conflicted');
    reconciler.enqueue('ns/broken');
    await expect.poll(() => lines.length).toBe(1);
    clock.advance(Duration.seconds(10));
    await expect.poll(() => calls).toEqual({ 'ns/conflicted': 2, 'ns/broken': 2 });
    expect(lines.map(({ level, name, msg }) => ({ level, name, msg }))).toEqual([{ level: 50, name: 'broken', msg: 'reconcile failed; retrying' }]);
  });

  it('stop aborts running reconciles and waits for them', async () => {
    let sawAbort = false;
    const started = deferred();
    const reconciler = new Reconciler({
      name: 'slow',
      reconcile: async (_req, { signal }) => {
        started.resolve();
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        sawAbort = true;
        return reconcileResult.done();
      },
    });
    reconciler.start();
    reconciler.enqueue('a');
    await started.promise;
    await reconciler.stop();
    expect(sawAbort).toBe(true);
  });
});

describe('Reconciler with an informer', () => {
  it('drives objects on a real server to the wanted level, from the cache', async () => {
    const api = await startTestApiServer();
    cleanups.push(() => api.stop());
    const client = await ObjectClient.create(api.kubeConfig());
    cleanups.push(() => client.close());
    const informer = new Informer<KubeObject>({ client, apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' });
    // Level-based: read the object from the cache, write only when it is not yet as wanted.
    const reconciler = startReconciler(async ({ key, namespace, name }) => {
      const cm = informer.cache.get(key);
      if (!cm || cm.metadata.annotations?.['example.com/seen'] === 'true') return reconcileResult.done();
      await client.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name }, { metadata: { annotations: { 'example.com/seen': 'true' } } }, { type: 'merge' });
      return reconcileResult.done();
    }, { concurrency: 2 });
    informer.on({ add: (o) => reconciler.enqueueObject(o), update: (_o, n) => reconciler.enqueueObject(n), delete: (o) => reconciler.enqueueObject(o) });
    informer.start();
    cleanups.splice(cleanups.length - 1, 0, () => informer.stop());
    for (const name of ['one', 'two', 'three']) await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
    await expect
      .poll(async () => {
        const { items } = await client.listAll({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default' });
        return items.filter((i) => i.metadata.annotations?.['example.com/seen'] === 'true').length;
      })
      .toBe(3);
  });
});
