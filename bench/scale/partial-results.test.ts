import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PartialResults } from './partial-results.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function partial() {
  const dir = await mkdtemp(join(tmpdir(), 'partial-results-'));
  dirs.push(dir);
  return new PartialResults({ dir, baseName: 'run', header: { clusters: 3 } });
}

const read = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

describe('PartialResults', () => {
  const cases = [
    { name: 'one finished phase is on disk with the run header', phases: [['registrationMs', 1200]] as const, completed: ['registrationMs'] },
    { name: 'each later phase is added beside the earlier ones, in order', phases: [['registrationMs', 1200], ['push', { p99: 3 }], ['atRest', { seconds: 10 }]] as const, completed: ['registrationMs', 'push', 'atRest'] },
  ];
  it.each(cases)('$name', async ({ phases, completed }) => {
    const results = await partial();
    for (const [phase, value] of phases) expect(await results.record(phase, Promise.resolve(value))).toEqual(value);
    const written = await read(results.path);
    expect(written).toMatchObject({ clusters: 3, complete: false, completedPhases: completed });
    expect(written.phases).toEqual(Object.fromEntries(phases));
  });

  it('is removed once the complete results are written', async () => {
    const results = await partial();
    await results.record('registrationMs', 1);
    await results.discard();
    await expect(readFile(results.path, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
