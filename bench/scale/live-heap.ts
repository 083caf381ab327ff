/**
 * The live JavaScript heap of a running process: what it really holds, not counting garbage
 * that V8 has not collected yet or heap it has grown and not given back, which both count in
 * resident memory. The process must run with `--heapsnapshot-signal=SIGUSR2` and
 * `--diagnostic-dir=<dir>`; a heap snapshot is taken after a full garbage collection, so the
 * sum of its nodes' self sizes is the live heap. The snapshot is read as a stream (it is
 * about the size of the heap) and removed afterwards.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LiveHeapOptions {
  pid: number;
  /** The process's `--diagnostic-dir`, where its snapshot is written. */
  dir: string;
  /** Longest wait for the snapshot; default 2 minutes. */
  timeoutMs?: number;
  /** Move the snapshot here once measured, to read it in DevTools; by default it is deleted. */
  keepIn?: string;
}

async function snapshots(dir: string): Promise<Set<string>> {
  return new Set((await readdir(dir)).filter((f) => f.endsWith('.heapsnapshot')));
}

/** Waits for a new snapshot file whose size has stopped changing for a second. */
async function newSnapshot(dir: string, before: Set<string>, deadline: number): Promise<string> {
  let last = -1;
  while (Date.now() < deadline) {
    await sleep(500);
    const file = [...(await snapshots(dir))].find((f) => !before.has(f));
    if (!file) continue;
    const size = (await stat(join(dir, file))).size;
    if (size > 0 && size === last) return join(dir, file);
    last = size;
  }
  throw new Error(`no heap snapshot appeared in ${dir}; does the process run with --heapsnapshot-signal=SIGUSR2 and --diagnostic-dir?`);
}

/**
 * Sums the self sizes in a snapshot's `nodes` array, reading the field layout from its
 * `snapshot.meta.node_fields`, which comes before the nodes in the file.
 */
export async function sumSelfSizes(path: string): Promise<number> {
  let head = '';
  let fields = 0;
  let selfIndex = -1;
  let total = 0;
  let position = 0;
  let number = '';
  let inNodes = false;
  let done = false;
  const take = (text: string): void => {
    for (const ch of text) {
      if (ch >= '0' && ch <= '9') {
        number += ch;
        continue;
      }
      if (number !== '') {
        if (position % fields === selfIndex) total += Number(number);
        position++;
        number = '';
      }
      if (ch === ']') {
        done = true;
        return;
      }
    }
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (done) break;
    if (inNodes) {
      take(chunk as string);
      continue;
    }
    head += chunk as string;
    const start = head.indexOf('"nodes":[');
    if (start < 0) continue;
    const meta = /"node_fields":\[([^\]]*)\]/.exec(head);
    if (!meta?.[1]) throw new Error(`${path}: no node_fields before the nodes`);
    const names = meta[1].split(',').map((f) => f.trim().replace(/"/g, ''));
    fields = names.length;
    selfIndex = names.indexOf('self_size');
    if (selfIndex < 0) throw new Error(`${path}: node_fields has no self_size`);
    inNodes = true;
    take(head.slice(start + '"nodes":['.length));
    head = '';
  }
  if (!done) throw new Error(`${path}: the nodes array does not end`);
  return total;
}

/** Asks the process for a heap snapshot and returns its live heap in bytes. */
export async function liveHeapBytes(options: LiveHeapOptions): Promise<number> {
  const before = await snapshots(options.dir);
  process.kill(options.pid, 'SIGUSR2');
  const file = await newSnapshot(options.dir, before, Date.now() + (options.timeoutMs ?? 120_000));
  try {
    return await sumSelfSizes(file);
  } finally {
    if (options.keepIn) {
      await mkdir(options.keepIn, { recursive: true });
      await copyFile(file, join(options.keepIn, basename(file)));
    }
    await rm(file, { force: true });
  }
}
