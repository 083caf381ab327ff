/**
 * The reconcile loop: keys from a WorkQueue handed to a reconcile function by up to
 * `concurrency` workers (p-queue), never one key to two workers at once. The outcome decides
 * what happens next: done forgets the key's failures, requeue retries with per-key backoff,
 * requeueAfter waits a fixed delay; thrown errors are handled by their class (stalled: no
 * retry; wait: its delay; anything else: backoff). Each reconcile gets a child logger with
 * `{ controller, namespace, name, reconcileId }` and a signal that aborts on `stop()`.
 */
import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import { pino, type Logger } from 'pino';
import type { KubeObject } from '../api/meta.js';
import { isConflict } from './api-error.js';
import type { BackoffOptions } from './backoff.js';
import type { Clock } from './clock.js';
import type { DurationLike } from './duration.js';
import { objectKey, splitKey } from './object-cache.js';
import { ReconcileError, WaitError } from './reconcile-error.js';
import type { ReconcileResult } from './reconcile-result.js';
import { WorkQueue } from './work-queue.js';

export interface ReconcileRequest {
  /** `namespace/name`, or `name` for a cluster-scoped object. */
  key: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  name: string;
}

export interface ReconcileContext {
  logger: Logger;
  /** Aborts when the loop stops: long work should give up. */
  signal: AbortSignal;
  reconcileId: string;
}

export type ReconcileFunc = (request: ReconcileRequest, context: ReconcileContext) => Promise<ReconcileResult>;

export interface ReconcilerOptions {
  /** The controller's name, in every log line of its reconciles. */
  name: string;
  reconcile: ReconcileFunc;
  /** Keys reconciled at once; default 1. */
  concurrency?: number;
  logger?: Logger;
  clock?: Clock;
  /** Per-key retry delays; default 5 ms doubling up to 5 minutes. */
  backoff?: BackoffOptions;
  /** Default: a random UUID per reconcile. */
  newReconcileId?: () => string;
}

export class Reconciler {
  readonly queue: WorkQueue;
  private readonly workers: PQueue;
  private readonly concurrency: number;
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private pumping: Promise<void> | undefined;

  constructor(private readonly options: ReconcilerOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.queue = new WorkQueue({ clock: options.clock, backoff: options.backoff });
    this.workers = new PQueue({ concurrency: this.concurrency });
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ controller: options.name });
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Queues the key after a delay (a poll, a webhook's debounce); an earlier pending add wins. */
  enqueueAfter(key: string, delay: DurationLike): void {
    this.queue.addAfter(key, delay);
  }

  /** Queues the object's key: the handler to give an informer's add, update and delete. */
  enqueueObject(obj: Pick<KubeObject, 'metadata'>): void {
    this.queue.add(objectKey(obj));
  }

  /** Starts handing keys to workers; an aborted `signal` stops as `stop()` does. */
  start(signal?: AbortSignal): void {
    if (this.pumping) throw new Error(`controller ${this.options.name} already started`);
    signal?.addEventListener('abort', () => void this.stop(), { once: true });
    this.pumping = this.pump();
  }

  /** Stops taking keys, aborts running reconciles' signals, and waits for them to return. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.queue.shutDown();
    await this.pumping;
    await this.workers.onIdle();
  }

  private async pump(): Promise<void> {
    for (;;) {
      // Take a key only when a worker is free, so keys wait in the WorkQueue, where duplicates collapse.
      while (this.workers.pending + this.workers.size >= this.concurrency) {
        await new Promise<void>((resolve) => this.workers.once('next', () => resolve()));
      }
      const key = await this.queue.take();
      if (key === undefined) return;
      void this.workers.add(() => this.process(key));
    }
  }

  private async process(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const reconcileId = this.options.newReconcileId?.() ?? randomUUID();
    const logger = this.logger.child({ namespace, name, reconcileId });
    try {
      const result = await this.options.reconcile({ key, namespace, name }, { logger, signal: this.stopping.signal, reconcileId });
      this.handleResult(key, result, logger);
    } catch (err) {
      this.handleError(key, err, logger);
    } finally {
      this.queue.done(key);
    }
  }

  private handleResult(key: string, result: ReconcileResult, logger: Logger): void {
    switch (result.kind) {
      case 'done':
        this.queue.forget(key);
        return;
      case 'requeue': {
        const delay = this.queue.addRateLimited(key);
        logger.debug({ retryIn: delay.toString() }, 'requeued');
        return;
      }
      case 'requeueAfter':
        this.queue.forget(key);
        this.queue.addAfter(key, result.after);
        return;
    }
  }

  private handleError(key: string, err: unknown, logger: Logger): void {
    if (this.stopping.signal.aborted) return;
    const reason = err instanceof ReconcileError ? err.reason : undefined;
    if (err instanceof ReconcileError && err.kind === 'stalled') {
      // Retrying unchanged input fails again; the next change to the object queues it anew.
      this.queue.forget(key);
      logger.warn({ err, reason }, 'reconcile stalled: waiting for a change');
      return;
    }
    if (err instanceof WaitError) {
      this.queue.forget(key);
      this.queue.addAfter(key, err.after);
      logger.info({ reason, message: err.message }, 'reconcile waiting');
      return;
    }
    const delay = this.queue.addRateLimited(key);
    if (isConflict(err)) {
      // Another writer changed the object first (an agent's heartbeat, another controller): its
      // newer version is on its way through the watch, and the retry works from it. Expected
      // between concurrent writers, so not an error: at 1,000 agents under load it was 500 error lines a push.
      logger.debug({ retries: this.queue.retries(key), retryIn: delay.toString() }, 'conflict; retrying with the newer version');
      return;
    }
    logger.error({ err, reason, retries: this.queue.retries(key), retryIn: delay.toString() }, 'reconcile failed; retrying');
  }
}
