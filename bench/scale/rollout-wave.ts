/**
 * One rollout the scale benchmark times (the first push, a one-line change, a relabel):
 * which BundleDeployments it must bring to Ready, and when each got there. A BundleDeployment
 * counts once the agent reports the wave's deployment applied and ready: `status.ready`,
 * `status.appliedDeploymentID` equal to `spec.deploymentID`, and that deploymentID not the
 * one it had before the wave (so a stale Ready from the previous rollout never counts).
 * Pure: the caller feeds it what the watch delivers and the time it arrived.
 */
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';

export interface WaveOptions {
  /** How many BundleDeployments must become Ready for the wave to be done. */
  expected: number;
  /** Which BundleDeployments belong to the wave (all of them when omitted). */
  includes?: (bd: BundleDeployment) => boolean;
  /** deploymentID by `namespace/name` before the wave started; one equal to it does not count. */
  before?: ReadonlyMap<string, string>;
  /** When the change was made (ms, same clock as `observe`). */
  startedAt: number;
}

export function deploymentKey(bd: BundleDeployment): string {
  return `${bd.metadata.namespace ?? ''}/${bd.metadata.name ?? ''}`;
}

export function isReadyAsSpecified(bd: BundleDeployment): boolean {
  const id = bd.spec.deploymentID;
  return id !== undefined && bd.status?.ready === true && bd.status.appliedDeploymentID === id;
}

export class RolloutWave {
  private readonly readyAt = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  private startedAt: number;

  constructor(private readonly options: WaveOptions) {
    this.startedAt = options.startedAt;
  }

  /** Moves the start to when the change was actually made (a push returns after the wave is watched). */
  startAt(at: number): void {
    this.startedAt = at;
  }

  observe(bd: BundleDeployment, now: number): void {
    const key = deploymentKey(bd);
    if (this.readyAt.has(key) || !isReadyAsSpecified(bd)) return;
    if (this.options.includes && !this.options.includes(bd)) return;
    if (this.options.before?.get(key) === bd.spec.deploymentID) return;
    this.readyAt.set(key, now);
    if (this.done) for (const wake of this.waiters) wake();
  }

  get readyCount(): number {
    return this.readyAt.size;
  }

  get done(): boolean {
    return this.readyAt.size >= this.options.expected;
  }

  /** Milliseconds from the change to each BundleDeployment's Ready, in no particular order. */
  latenciesMs(): number[] {
    return [...this.readyAt.values()].map((at) => at - this.startedAt);
  }

  /** Resolves once done; rejects after `timeoutMs` saying how far it got. */
  whenDone(timeoutMs: number): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`only ${this.readyCount} of ${this.options.expected} BundleDeployments were Ready after ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}
