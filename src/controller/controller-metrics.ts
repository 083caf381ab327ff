/**
 * What the controllers report for monitoring, as a small interface the process implements
 * (`flotilla controller` with prom-client), so src/controller stays free of any metrics
 * library and module-level registries: reconcile outcomes and durations per controller, the
 * depth of each work queue, and the results of git polls and the new commits they found. `NO_METRICS` is the default.
 */
import type { Clock } from '../kube/clock.js';
import type { ReconcileFunc } from '../kube/reconciler.js';

/** How one reconcile ended: its result's kind, or `error` when it threw. */
export type ReconcileOutcome = 'done' | 'requeue' | 'requeueAfter' | 'error';

/** A git poll: the remote answered (whether or not its commit changed), or it failed. */
export type GitPollResult = 'success' | 'error';

export interface ControllerMetrics {
  reconciled(controller: string, outcome: ReconcileOutcome, seconds: number): void;
  /** Registers where to read a controller's queue depth from; read when metrics are scraped. */
  queueDepth(controller: string, depth: () => number): void;
  gitPolled(result: GitPollResult): void;
  /** A poll saw a new commit on a GitRepo's branch. */
  gitCommitChanged(): void;
}

export const NO_METRICS: ControllerMetrics = Object.freeze({
  reconciled: () => undefined,
  queueDepth: () => undefined,
  gitPolled: () => undefined,
  gitCommitChanged: () => undefined,
});

/** The reconcile function, reporting each run's outcome and duration to `metrics`. */
export function measuredReconcile(metrics: ControllerMetrics, controller: string, reconcile: ReconcileFunc, clock: Pick<Clock, 'now'>): ReconcileFunc {
  return async (request, context) => {
    const started = clock.now();
    const seconds = () => (clock.now() - started) / 1000;
    try {
      const result = await reconcile(request, context);
      metrics.reconciled(controller, result.kind, seconds());
      return result;
    } catch (err) {
      metrics.reconciled(controller, 'error', seconds());
      throw err;
    }
  };
}
