/**
 * The shape every in-server controller shares: it observes the store's durable events,
 * runs its work one item at a time in the order scheduled (so two items never race), and
 * on stop waits for what is under way.
 */
import type { LogicalClusters } from '../logical-clusters.js';
import type { ObjectService } from '../rest/object-service.js';
import type { ObjectStore, StoreEvent } from '../storage/object-store.js';

export abstract class StoreController {
  private stopObserving: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();

  constructor(
    protected readonly store: ObjectStore,
    protected readonly service: ObjectService,
    protected readonly clusters: LogicalClusters,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.stopObserving = this.store.observe((e) => this.onEvent(e));
    this.onStart();
  }

  async stop(): Promise<void> {
    this.stopObserving?.();
    await this.running;
  }

  /** Work found in the store at start (state left by an earlier run). */
  protected onStart(): void {}

  protected abstract onEvent(e: StoreEvent): void;

  /** Runs `work` after everything scheduled before it; a `key` already waiting is not queued again. */
  protected schedule(work: () => Promise<void>, key?: string): void {
    if (key !== undefined) {
      if (this.queued.has(key)) return;
      this.queued.add(key);
    }
    this.running = this.running
      .then(() => {
        if (key !== undefined) this.queued.delete(key);
        return work();
      })
      .catch(this.onError);
  }
}
