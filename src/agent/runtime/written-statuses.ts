/**
 * The agent's own status writes, until the BundleDeployment watch delivers them. Without this,
 * a re-check queued between a write and its watch event (a member object deleted right after
 * an apply) read the cached BundleDeployment without the new `appliedDeploymentID`, took the
 * deployment for new and applied it again, so the deletion was never reported.
 */
import type { BundleDeployment, BundleDeploymentStatus } from '../../api/bundle-deployment.js';
import { onlyStatusChanged, statusChanged } from './status-change.js';

export class WrittenStatuses {
  /** Per key: what the server answered to the last write, and the versions it supersedes. */
  private readonly written = new Map<string, { result: BundleDeployment; superseded: ReadonlySet<string> }>();
  /** Per key: the last status the agent sent, recorded before the write (its watch event can come before the answer). */
  private readonly sent = new Map<string, BundleDeploymentStatus>();

  /** Records the status about to be written for `key`. */
  sending(key: string, status: BundleDeploymentStatus): void {
    this.sent.set(key, status);
  }

  /** Records `result`, the answer to a status write of `basedOn` (the cached object or an earlier answer). */
  remember(key: string, basedOn: BundleDeployment, result: BundleDeployment): void {
    const previous = this.written.get(key);
    const superseded = new Set(previous?.result === basedOn ? previous.superseded : []);
    if (basedOn.metadata.resourceVersion) superseded.add(basedOn.metadata.resourceVersion);
    this.written.set(key, { result, superseded });
  }

  /**
   * The last write's answer while the cache still holds a version it superseded; otherwise
   * `cached` (the write arrived through the watch, or something newer did) and the entry is dropped.
   */
  freshest(key: string, cached: BundleDeployment): BundleDeployment {
    const entry = this.written.get(key);
    if (!entry) return cached;
    const version = cached.metadata.resourceVersion;
    if (version !== undefined && entry.superseded.has(version)) return entry.result;
    this.written.delete(key);
    return cached;
  }

  /**
   * Whether the change from `previous` to `seen` (a watch event) is the agent's own status
   * write: only the status changed, to the one the agent last sent. Re-checking it would find
   * what the agent just found, at the cost of reading every object on the member again.
   */
  isOwnWrite(key: string, previous: BundleDeployment, seen: BundleDeployment): boolean {
    const sent = this.sent.get(key);
    return sent !== undefined && !statusChanged(sent, seen.status ?? {}) && onlyStatusChanged(previous, seen);
  }

  /**
   * The agent's own write of `key` arrived through the watch (`isOwnWrite`): the cache now holds
   * it, so neither the answer nor the status sent is kept any longer. Keeping the status sent held
   * a second copy of every BundleDeployment's status for the agent's lifetime; without it, a later
   * status-only change equal to it is re-checked once, which costs a read and misses nothing.
   */
  delivered(key: string, seen: BundleDeployment): void {
    this.freshest(key, seen);
    this.sent.delete(key);
  }

  /** Keys something is kept for (the status sent or the write's answer). */
  get size(): number {
    return new Set([...this.written.keys(), ...this.sent.keys()]).size;
  }

  forget(key: string): void {
    this.written.delete(key);
    this.sent.delete(key);
  }
}
