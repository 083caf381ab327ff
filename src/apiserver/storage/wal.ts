/**
 * Write-ahead log with group commit. Every acknowledged write is appended to the log and
 * fsynced before the write is acknowledged; writes arriving while a flush is under way wait
 * for the next one, so durability costs one fsync per batch, not per write. A snapshot of
 * the whole state, written beside the log and renamed into place, lets the log be cut.
 */
import { open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileLines, readSnapshot, writeSnapshot } from './snapshot-file.js';
import { recordLine, type Snapshot, type WalRecord } from './wal-record.js';

export { recordLine, type Snapshot, type WalRecord } from './wal-record.js';

interface Pending {
  lines: string[];
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
}

const segmentName = (startRv: number) => `wal-${String(startRv).padStart(16, '0')}.log`;

export class WriteAheadLog {
  private file: FileHandle | undefined;
  private pending: Pending = { lines: [], waiters: [] };
  private flushing: Promise<void> | undefined;
  private bytesInSegment = 0;
  private bytesInSnapshot = 0;
  private closed = false;
  private paused = false;

  constructor(
    private readonly dir: string,
    private readonly options: { noSync?: boolean } = {},
  ) {}

  /** Reads the snapshot and every log segment, in order; a torn last line is dropped. */
  async load(): Promise<{ snapshot: Snapshot | undefined; records: WalRecord[] }> {
    const found = await readSnapshot(this.dir);
    const snapshot = found?.snapshot;
    this.bytesInSnapshot = found?.bytes ?? 0;
    const records: WalRecord[] = [];
    for (const name of await this.segments()) {
      for await (const line of fileLines(join(this.dir, name))) {
        try {
          const record = JSON.parse(line) as WalRecord;
          if (!snapshot || record.rv > snapshot.rv) records.push(record);
        } catch {
          // A line cut short by a crash was never acknowledged: nothing to recover from it.
        }
      }
    }
    return { snapshot, records };
  }

  /** Opens a fresh segment for appends, starting after `rv`. */
  async open(rv: number): Promise<void> {
    this.file = await open(join(this.dir, segmentName(rv + 1)), 'a');
    this.bytesInSegment = 0;
  }

  get segmentBytes(): number {
    return this.bytesInSegment;
  }

  /** The size of the last snapshot written or loaded (0 without one). */
  get snapshotBytes(): number {
    return this.bytesInSnapshot;
  }

  /**
   * Appends records; resolves once they are on disk. A record may come with its object
   * already serialised (`objectJson`, the JSON of `o`), which the log then uses as it is.
   */
  append(records: ReadonlyArray<WalRecord & { objectJson?: string }>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('write-ahead log is closed'));
    for (const r of records) this.pending.lines.push(recordLine(r));
    const done = new Promise<void>((resolve, reject) => this.pending.waiters.push({ resolve, reject }));
    this.kick();
    return done;
  }

  /** Resolves when everything appended so far is on disk. */
  async settled(): Promise<void> {
    while (this.flushing || this.pending.lines.length) {
      this.kick();
      await (this.flushing ?? new Promise((r) => setTimeout(r, 1)));
    }
  }

  /**
   * Writes the whole state as a snapshot and starts a new segment, removing the old ones.
   * Appends pause while the segment is swapped, and `takeState` runs at that instant, so the
   * snapshot covers every record of the old segments and the new segment holds the rest.
   */
  async compact(takeState: () => Snapshot): Promise<void> {
    this.paused = true;
    let snapshot: Snapshot;
    let oldFile: FileHandle | undefined;
    const old = await this.segments();
    try {
      await this.flushing;
      oldFile = this.file;
      snapshot = takeState();
      this.file = await open(join(this.dir, segmentName(snapshot.rv + 1)), 'a');
      this.bytesInSegment = 0;
    } finally {
      this.paused = false;
      this.kick();
    }
    await oldFile?.close();
    this.bytesInSnapshot = await writeSnapshot(this.dir, snapshot, { noSync: this.options.noSync });
    const current = segmentName(snapshot.rv + 1);
    for (const name of old) if (name !== current) await unlink(join(this.dir, name));
  }

  async close(): Promise<void> {
    await this.settled();
    this.closed = true;
    await this.file?.close();
    this.file = undefined;
  }

  private kick(): void {
    if (this.paused || this.flushing || !this.pending.lines.length) return;
    const batch = this.pending;
    this.pending = { lines: [], waiters: [] };
    this.flushing = this.flush(batch).finally(() => {
      this.flushing = undefined;
      this.kick();
    });
  }

  private async flush(batch: Pending): Promise<void> {
    try {
      if (!this.file) throw new Error('write-ahead log is not open');
      const text = batch.lines.join('\n') + '\n';
      await this.file.write(text);
      if (!this.options.noSync) await this.file.datasync();
      this.bytesInSegment += Buffer.byteLength(text);
      for (const w of batch.waiters) w.resolve();
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  }

  private async segments(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names.filter((n) => /^wal-\d+\.log$/.test(n)).sort();
  }
}
