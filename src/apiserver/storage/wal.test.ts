import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordLine, WriteAheadLog, type WalRecord } from './wal.js';

const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', resourceVersion: '7' }, data: { k: 'v "quoted"\n' } };

interface Case {
  name: string;
  record: WalRecord & { objectJson?: string };
  expected: WalRecord;
}

const cases: Case[] = [
  { name: 'a write with its object serialised beforehand reads back as the record', record: { rv: 7, c: 'c1', r: '/configmaps', k: 'ns/a', o: object, objectJson: JSON.stringify(object) }, expected: { rv: 7, c: 'c1', r: '/configmaps', k: 'ns/a', o: object } },
  { name: 'a write without the serialised object reads back as the record', record: { rv: 7, c: '', r: '/configmaps', k: 'ns/a', o: object }, expected: { rv: 7, c: '', r: '/configmaps', k: 'ns/a', o: object } },
  { name: 'a deletion has no object', record: { rv: 8, c: 'c1', r: '/configmaps', k: 'ns/a' }, expected: { rv: 8, c: 'c1', r: '/configmaps', k: 'ns/a' } },
];

describe('recordLine', () => {
  it.each(cases)('$name', ({ record, expected }) => {
    const line = recordLine(record);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(expected);
  });

  it('uses the given JSON instead of serialising the object again', () => {
    const unserialisable = { toJSON: () => { throw new Error('serialised twice'); } };
    const line = recordLine({ rv: 1, c: '', r: '/configmaps', k: 'ns/a', o: unserialisable, objectJson: '{"kind":"ConfigMap"}' });
    expect(JSON.parse(line)).toEqual({ rv: 1, c: '', r: '/configmaps', k: 'ns/a', o: { kind: 'ConfigMap' } });
  });
});

describe('WriteAheadLog', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('records appended with their serialised objects load back from disk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wal-'));
    const wal = new WriteAheadLog(dir);
    await wal.open(0);
    await wal.append(cases.map((c) => c.record));
    await wal.close();
    const { records } = await new WriteAheadLog(dir).load();
    expect(records).toEqual(cases.map((c) => c.expected));
  });
});
