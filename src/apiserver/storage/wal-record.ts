/**
 * One line of the write-ahead log (and of a snapshot): what a write did, serialised as JSON.
 */
export interface WalRecord {
  /** The resourceVersion this record produced. */
  rv: number;
  /** Logical cluster name ('' for the root cluster). */
  c: string;
  /** `group/plural`. */
  r: string;
  /** `namespace/name` ('' namespace for cluster-scoped objects). */
  k: string;
  /** The object after the write, or absent for a deletion. */
  o?: unknown;
}

/** The whole state at `rv`; a record may carry its object already serialised (`objectJson`). */
export interface Snapshot {
  rv: number;
  records: Array<WalRecord & { objectJson?: string }>;
}

/**
 * One log line: the record as JSON. With the object's JSON given, the line is put together
 * around it instead of serialising the object again; JSON.parse reads both forms alike.
 */
export function recordLine(r: WalRecord & { objectJson?: string }): string {
  const { objectJson, ...record } = r;
  if (objectJson === undefined) return JSON.stringify(record);
  const { o: _object, ...rest } = record;
  return `${JSON.stringify(rest).slice(0, -1)},"o":${objectJson}}`;
}
