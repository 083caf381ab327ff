/**
 * Spaces the status writes of each object: once an object's status was written, the next
 * write of it waits until `interval` has passed. A Cluster's hundred BundleDeployments change
 * state one after another through a rollout, each change arriving after the previous write's
 * coalescing window had closed, so a Cluster was rewritten every half second for as long as
 * its rollout lasted; paced, the states it passes through within one interval cost one write.
 *
 * The pacer only says when; the caller re-runs its level-based reconcile after that wait, and
 * that run reads the current state, so the last state is always the one written. Only
 * objects written within the last interval are remembered (in write order, so the expired
 * ones are dropped from the front), which keeps 10,000 idle Clusters out of memory.
 */
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';

export interface WritePacerOptions {
  clock: Clock;
  /** The least time between two status writes of one object; asked at each decision, so it can follow the number of objects (statusPace). */
  interval: () => Duration;
}

export class WritePacer {
  /** Key → when it was last written; a Map keeps insertion order, and keys are re-inserted on each write. */
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly options: WritePacerOptions) {}

  /** How long the key must still wait before it may be written; zero when it may be written now. */
  waitFor(key: string): Duration {
    const at = this.lastWrite.get(key);
    if (at === undefined) return Duration.milliseconds(0);
    const left = at + this.options.interval().toMilliseconds() - this.options.clock.now();
    if (left > 0) return Duration.milliseconds(left);
    this.lastWrite.delete(key);
    return Duration.milliseconds(0);
  }

  /** Records that the key's status was written now. */
  wrote(key: string): void {
    const now = this.options.clock.now();
    this.lastWrite.delete(key);
    this.lastWrite.set(key, now);
    this.dropExpired(now);
  }

  /** Keys remembered (written within the last interval, or not yet looked at since). */
  get size(): number {
    return this.lastWrite.size;
  }

  private dropExpired(now: number): void {
    const interval = this.options.interval().toMilliseconds();
    for (const [key, at] of this.lastWrite) {
      if (at + interval > now) return;
      this.lastWrite.delete(key);
    }
  }
}
