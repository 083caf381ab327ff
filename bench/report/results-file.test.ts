import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resultBaseName, writeResults } from './results-file.js';

describe('resultBaseName', () => {
  const cases = [
    { name: 'the date comes from the start time, then the commit, then the benchmark', startedAt: '2026-11-22T19:45:00.000Z', commit: 'abc1234', expected: '2026-11-22-abc1234-apiserver' },
    { name: 'a run outside git says the commit is unknown', startedAt: '2027-01-02T00:00:00.000Z', commit: 'unknown', expected: '2027-01-02-unknown-apiserver' },
  ];
  it.each(cases)('$name', ({ startedAt, commit, expected }) => {
    expect(resultBaseName({ startedAt, commit, benchmark: 'apiserver' })).toBe(expected);
  });
});

describe('writeResults', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the JSON and the markdown side by side, creating the folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    const target = join(dir, 'nested', 'results');
    const paths = await writeResults({ dir: target, baseName: 'run', json: { a: 1 }, markdown: '# run' });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual({ a: 1 });
    expect(await readFile(paths.markdown, 'utf8')).toBe('# run\n');
  });
});
