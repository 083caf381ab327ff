/**
 * A seeded pseudo-random source (mulberry32) for the churn case: the same seed yields the
 * same sequence of operations and faults, so a failure printed with its seed can be replayed
 * exactly (`CHURN_SEED=<seed>`). Not for anything but tests.
 */
import { seededRandom } from '../../support/seeded-random.js';

export class ChurnRandom {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A random subset, in the input's order; at least `min` items when there are that many. */
  subset<T>(items: readonly T[], min = 0): T[] {
    for (;;) {
      const chosen = items.filter(() => this.chance(0.5));
      if (chosen.length >= Math.min(min, items.length)) return chosen;
    }
  }
}

/** The seed to use: `CHURN_SEED` when replaying a failure, else a fresh one. */
export function churnSeed(fromEnv: string | undefined): number {
  const parsed = Number(fromEnv);
  return fromEnv !== undefined && Number.isInteger(parsed) ? parsed >>> 0 : Math.floor(Math.random() * 2 ** 32);
}
