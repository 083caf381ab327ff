/**
 * What the store keeps of an object and what it tells watchers of a change: shared by the
 * store, which makes them, and the watch history, which keeps the recent ones.
 */
import type { KubeObject } from '../../api/meta.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEntry {
  readonly obj: KubeObject;
  /**
   * The object serialised once, shared by every response and watcher; let go when its event
   * leaves the watch history (a later read serialises it again), so objects nobody reads do
   * not hold their text for good.
   */
  json: string | undefined;
}

export interface StoreEvent {
  type: EventType;
  cluster: string;
  resource: string;
  namespace: string;
  rv: number;
  entry: StoredEntry;
  /** The object before the change (for MODIFIED and DELETED). */
  prev?: KubeObject;
}
