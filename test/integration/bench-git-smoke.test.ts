/**
 * Runs the compiled git benchmark (`node dist/bench/main.js git`, what `npm run bench -- git`
 * runs) on a tiny repository so it cannot silently rot. It checks the result files' shape
 * and that every figure of both peers was measured; it never asserts how fast anything was.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const entry = join(repoRoot, 'dist', 'bench', 'main.js');
const tiny = ['--bundles', '4', '--history', '2', '--polls', '3', '--fetches', '2', '--clones', '2', '--warmup', '1', '--quiet'];

describe('npm run bench -- git', () => {
  let resultsDir = '';
  let files: string[] = [];
  let result: any;
  let stdout = '';

  beforeAll(async () => {
    expect(existsSync(entry), `${entry} is missing: run npm run build first`).toBe(true);
    resultsDir = await mkdtemp(join(tmpdir(), 'bench-git-smoke-'));
    ({ stdout } = await run(process.execPath, [entry, 'git', ...tiny, '--results-dir', resultsDir], { cwd: repoRoot, timeout: 120_000 }));
    files = (await readdir(resultsDir)).sort();
    result = JSON.parse(await readFile(join(resultsDir, files[0] ?? 'missing.json'), 'utf8'));
  }, 150_000);
  afterAll(async () => {
    if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
  });

  it('writes <date>-<commit>-git.json and .md side by side', () => {
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]+-git\.json$/);
    expect(files[1]).toBe(files[0]!.replace(/json$/, 'md'));
  });

  it('records the parameters, the repository it generated and the machine', () => {
    expect(result).toMatchObject({
      benchmark: 'git',
      parameters: { bundles: 4, history: 2, polls: 3, fetches: 2, clones: 2, warmup: 1 },
      repository: { files: 16, commits: 3 },
    });
    expect(result.repository.treeBytes).toBeGreaterThan(4 * 12 * 1024);
    expect(result.repository.packBytes).toBeGreaterThan(0);
    expect(result.run.node).toBe(process.version);
    expect(result.versions.git).toMatch(/^\d+\.\d+/);
  });

  const operations = [
    { name: 'the unchanged poll is measured on both peers, three times each', phase: 'poll', count: 3 },
    { name: 'the fetch of a new commit is measured on both peers, twice each', phase: 'fetch', count: 2 },
    { name: 'the first clone is measured on both peers, twice each', phase: 'clone', count: 2 },
  ];
  it.each(operations)('$name', ({ phase, count }) => {
    for (const peer of ['flotilla', 'git']) {
      const figures = result[peer][phase];
      expect(figures.wallMs.count, `${peer}.${phase}`).toBe(count);
      expect(figures.wallMs.p50, `${peer}.${phase}`).toBeGreaterThan(0);
      expect(figures.requests, `${peer}.${phase}`).toBeGreaterThanOrEqual(1);
      expect(figures.requestBytes, `${peer}.${phase}`).toBeGreaterThan(0);
      expect(figures.responseBytes, `${peer}.${phase}`).toBeGreaterThan(0);
    }
  });

  it('every figure row and every ratio has a value, in the table and in the markdown', async () => {
    expect(result.figures).toHaveLength(15);
    for (const row of result.figures) {
      expect(row.flotilla, row.figure).toBeGreaterThan(0);
      expect(row.peer, row.figure).toBeGreaterThan(0);
      expect(row.ratio, row.figure).toBeGreaterThan(0);
    }
    expect(Object.keys(result.ratios).sort()).toEqual(['cloneVsGitClone', 'fetchVsGitFetch', 'pollVsLsRemote']);
    for (const ratio of Object.values(result.ratios)) expect(ratio).toBeGreaterThan(0);
    expect(stdout).toContain('unchanged poll: wall time p50 (ms)');
    const markdown = await readFile(join(resultsDir, files[1]!), 'utf8');
    expect(markdown).toContain('| unchanged poll: wall time p50 (ms) |');
    expect(markdown).not.toContain('not measured');
  });
});
