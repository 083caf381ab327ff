import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../kube/clock.js';
import { Duration } from '../kube/duration.js';
import { reconcileResult, type ReconcileResult } from '../kube/reconcile-result.js';
import { StalledError } from '../kube/reconcile-error.js';
import { measuredReconcile, type ControllerMetrics, type ReconcileOutcome } from './controller-metrics.js';

function recorder(): ControllerMetrics & { seen: [string, ReconcileOutcome, number][] } {
  const seen: [string, ReconcileOutcome, number][] = [];
  return { seen, reconciled: (c, o, s) => void seen.push([c, o, s]), queueDepth: () => undefined, gitPolled: () => undefined, gitCommitChanged: () => undefined };
}

const cases: { name: string; run: () => Promise<ReconcileResult>; outcome: ReconcileOutcome }[] = [
  { name: 'a reconcile that is done is counted as done with its duration', run: async () => reconcileResult.done(), outcome: 'done' },
  { name: 'a requeue after a delay is counted as requeueAfter', run: async () => reconcileResult.requeueAfter(Duration.seconds(15)), outcome: 'requeueAfter' },
  { name: 'a reconcile that throws is counted as an error and the error still reaches the loop', run: () => Promise.reject(new StalledError('InvalidSpec', 'bad')), outcome: 'error' },
];

describe('measuredReconcile', () => {
  it.each(cases)('$name', async ({ run, outcome }) => {
    const clock = new ManualClock(1000);
    const metrics = recorder();
    const reconcile = measuredReconcile(metrics, 'gitrepo', async () => {
      clock.advance(Duration.milliseconds(2500));
      return run();
    }, clock);
    const request = { key: 'ns/a', namespace: 'ns', name: 'a' };
    const context = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, reconcileId: '1' };
    const result = reconcile(request, context);
    if (outcome === 'error') await expect(result).rejects.toThrow('bad');
    else await result;
    expect(metrics.seen).toEqual([['gitrepo', outcome, 2.5]]);
  });
});
