/**
 * Gathers keys for a window, then hands each once to a work queue: the thousand events of a
 * Cluster's BundleDeployments turning ready become one recompute of its status. One timer
 * per window (on the injected clock), however many keys wait.
 */
import type { Clock } from '../../kube/clock.js';
import type { Duration } from '../../kube/duration.js';

export class CoalescingQueue {
  private readonly pending = new Set<string>();
  private waiting = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly options: { clock: Clock; window: Duration; flush: (key: string) => void },
  ) {}

  add(key: string): void {
    if (this.stopping.signal.aborted) return;
    this.pending.add(key);
    if (this.waiting) return;
    this.waiting = true;
    this.options.clock.sleep(this.options.window, this.stopping.signal).then(
      () => {
        this.waiting = false;
        const keys = [...this.pending];
        this.pending.clear();
        for (const k of keys) this.options.flush(k);
      },
      () => undefined,
    );
  }

  stop(): void {
    this.stopping.abort();
    this.pending.clear();
  }
}
