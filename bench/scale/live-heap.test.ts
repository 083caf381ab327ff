import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveHeapBytes, sumSelfSizes } from './live-heap.js';

const MiB = 2 ** 20;
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A node process that keeps `keepMiB` of strings alive, makes as much garbage, and waits to be asked for a snapshot. */
async function holder(keepMiB: number): Promise<{ pid: number; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-live-heap-'));
  dirs.push(dir);
  const script = `
    const kept = [];
    // join makes flat strings of ~1 KiB each (a + would make cons strings sharing their parts).
    for (let i = 0; i < ${keepMiB} * 1024; i++) kept.push([i, 'k'.repeat(1000)].join(''));
    let garbage = [];
    for (let i = 0; i < ${keepMiB} * 1024; i++) garbage.push([i, 'g'.repeat(1000)].join(''));
    garbage = null;
    globalThis.kept = kept;
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { pid: child.pid ?? 0, dir };
}

describe('liveHeapBytes', () => {
  it.each([
    { name: 'a process keeping 40 MiB of strings (and dropping as much garbage) has about 40 MiB more live heap than one keeping none', keepMiB: 40 },
  ])('$name', async ({ keepMiB }) => {
    const empty = await holder(0);
    const full = await holder(keepMiB);
    const [emptyBytes, fullBytes] = [await liveHeapBytes(empty), await liveHeapBytes(full)];
    // The garbage is not counted: the difference is the kept strings, not twice them.
    expect((fullBytes - emptyBytes) / MiB).toBeGreaterThan(keepMiB * 0.9);
    expect((fullBytes - emptyBytes) / MiB).toBeLessThan(keepMiB * 1.3);
  }, 120_000);

  it('with keepIn the measured snapshot is kept there (and gone from the diagnostic directory); without, it is deleted', async () => {
    const held = await holder(0);
    const keepIn = join(held.dir, 'kept');
    await liveHeapBytes({ ...held, keepIn });
    await liveHeapBytes(held);
    const kept = await readdir(keepIn);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/\.heapsnapshot$/);
    expect(JSON.parse(await readFile(join(keepIn, kept[0]!), 'utf8'))).toHaveProperty('nodes');
    expect((await readdir(held.dir)).filter((f) => f.endsWith('.heapsnapshot'))).toEqual([]);
  }, 120_000);

  it('the streamed sum equals the sum over the parsed snapshot', async () => {
    const { dir } = await holder(0);
    // A snapshot written by this test's own rules, small and with a field order of its own.
    const snapshot = { snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'] }, node_count: 3 }, nodes: [0, 1, 1, 100, 0, 0, 2, 2, 250, 1, 3, 3, 3, 7, 0], edges: [1, 2, 3], strings: ['a', 'b]'] };
    const path = join(dir, 'fixed.heapsnapshot');
    await writeFile(path, JSON.stringify(snapshot));
    expect(await sumSelfSizes(path)).toBe(357);
    const parsed = JSON.parse(await readFile(path, 'utf8')) as typeof snapshot;
    expect(parsed.nodes.filter((_, i) => i % 5 === 3).reduce((a, b) => a + b, 0)).toBe(357);
  }, 60_000);
});
