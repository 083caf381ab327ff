/**
 * What the API-server benchmark needs from each peer it compares: durable writes of a given
 * body under a name, and a watch that reports the name of each write it sees. Flotilla and
 * etcd each implement it over their own wire protocol, so the measuring code is shared and
 * both are measured the same way.
 */
export interface WriteTarget {
  /** As shown in the result table: "Flotilla", "etcd". */
  readonly name: string;
  readonly version: string;
  /** The server process, for CPU and memory figures. */
  readonly pid: number;
  /** Stores `body` under `name` and resolves once the peer acknowledged it (durably). */
  write(name: string, body: string): Promise<void>;
  /** Opens a watch on every write; resolves once the peer answered the watch request. */
  watch(onWritten: (name: string) => void): Promise<WatchHandle>;
  /** Stops the server process (safe to call again; the cleanup stack calls it too). */
  stop(): Promise<void>;
}

export interface WatchHandle {
  close(): void;
}
