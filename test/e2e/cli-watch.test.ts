/**
 * `list -w` against a real embedded hub: the list first, then a row per change in the
 * columns of the first batch, until interrupted; in -o name and -A forms too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHub, type CliHub } from './cli-harness.js';

let hub: CliHub;

beforeAll(async () => {
  hub = await startCliHub();
  await hub.flotilla(['gitrepo', 'add', 'first', '--repo', 'https://git.example.com/first.git']);
});

afterAll(() => hub?.stop());

const cases = [
  {
    name: 'a table watch prints the list, then rows for an added and a changed GitRepo aligned with the first batch',
    args: ['gitrepo', 'list', '-w'],
    lines: 4,
    want: (out: string) => {
      const lines = out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+REPO/);
      expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'first', 'second', 'second']);
      const repoAt = lines[0]!.indexOf('REPO');
      for (const line of lines.slice(1)) expect(line.slice(repoAt)).toMatch(/^https:/);
      expect(lines[3]).toContain('https://git.example.com/second-moved.git');
    },
  },
  {
    name: 'an -o name watch prints one name per event',
    args: ['gitrepo', 'list', '-w', '-o', 'name'],
    lines: 3,
    want: (out: string) => expect(out).toBe('gitrepo.flotilla.io/first\ngitrepo.flotilla.io/second\ngitrepo.flotilla.io/second\n'),
  },
  {
    name: 'an -A watch adds the NAMESPACE column to every row',
    args: ['gitrepo', 'list', '-w', '-A'],
    lines: 4,
    want: (out: string) => expect(out.trimEnd().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['NAMESPACE', 'fleet-default', 'fleet-default', 'fleet-default']),
  },
];

describe('flotilla gitrepo list -w', () => {
  it.each(cases)('$name', async ({ args, lines, want }) => {
    const stop = new AbortController();
    let seen = '';
    const running = hub.flotilla(args, { signal: stop.signal, onOutput: (all) => (seen = all) });
    await expect.poll(() => seen.includes('first'), { timeout: 10_000 }).toBe(true);
    await hub.flotilla(['gitrepo', 'add', 'second', '--repo', 'https://git.example.com/second.git']);
    await expect.poll(() => seen.includes('second'), { timeout: 10_000 }).toBe(true);
    await hub.client.patch({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: 'fleet-default', name: 'second' }, { spec: { repo: 'https://git.example.com/second-moved.git' } }, { type: 'merge' });
    await expect.poll(() => seen.trimEnd().split('\n').length, { timeout: 10_000 }).toBe(lines);
    stop.abort();
    const run = await running;
    await hub.flotilla(['gitrepo', 'delete', 'second']);
    expect(run.code).toBe(0);
    want(run.stdout);
  });
});
