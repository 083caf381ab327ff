import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEGACY_SNAPSHOT_FILE, readSnapshot, SNAPSHOT_FILE, writeSnapshot } from './snapshot-file.js';
import type { Snapshot } from './wal-record.js';

const object = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'ns' }, data: { k: `line\n"${i}"`.repeat(50) } });

describe('snapshot file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const cases = [
    { name: 'an empty state reads back with its resourceVersion', count: 0 },
    { name: 'a state larger than one write chunk reads back record for record', count: 3000 },
  ];
  it.each(cases)('$name', async ({ count }) => {
    dir = await mkdtemp(join(tmpdir(), 'snapshot-'));
    const records = Array.from({ length: count }, (_, i) => ({ rv: i + 1, c: `c${i % 3}`, r: '/configmaps', k: `ns/cm-${i}`, o: object(i) }));
    // Half the records come with their object already serialised, as cached entries do.
    const written: Snapshot = { rv: count + 5, records: records.map((r, i) => (i % 2 ? { ...r, objectJson: JSON.stringify(r.o) } : r)) };
    const bytes = await writeSnapshot(dir, written, { noSync: true });
    const read = await readSnapshot(dir);
    expect(read?.bytes).toBe(bytes);
    expect(read?.snapshot).toEqual({ rv: count + 5, records });
    // One record a line after the header: no line holds the whole state.
    expect((await readFile(join(dir, SNAPSHOT_FILE), 'utf8')).split('\n').length).toBe(count + 2);
  });

  it('a snapshot in the earlier single-document form is read, and replaced by the next one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'snapshot-'));
    const legacy: Snapshot = { rv: 9, records: [{ rv: 3, c: '', r: '/configmaps', k: 'ns/cm-1', o: object(1) }] };
    await writeFile(join(dir, LEGACY_SNAPSHOT_FILE), JSON.stringify(legacy));
    expect((await readSnapshot(dir))?.snapshot).toEqual(legacy);
    await writeSnapshot(dir, { rv: 10, records: [] }, { noSync: true });
    expect((await readSnapshot(dir))?.snapshot).toEqual({ rv: 10, records: [] });
    await expect(readFile(join(dir, LEGACY_SNAPSHOT_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('no snapshot reads as none', async () => {
    dir = await mkdtemp(join(tmpdir(), 'snapshot-'));
    expect(await readSnapshot(dir)).toBeUndefined();
  });
});
