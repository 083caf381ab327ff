/**
 * Runs the compiled authorize benchmark (`node dist/bench/main.js authorize`) at a tiny size
 * so it cannot silently rot: the index and the walk must agree (the run fails otherwise) and
 * every figure is written. It never asserts how fast anything was.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const entry = join(repoRoot, 'dist', 'bench', 'main.js');

describe('npm run bench -- authorize', () => {
  let resultsDir = '';
  afterEach(async () => {
    if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
  });

  it('times the index beside the walk at each size and writes both figures', async () => {
    expect(existsSync(entry), `${entry} is missing: run npm run build first`).toBe(true);
    resultsDir = await mkdtemp(join(tmpdir(), 'bench-authorize-'));
    const { stdout } = await run(process.execPath, [entry, 'authorize', '--clusters', '3,200', '--rounds', '5', '--quiet', '--results-dir', resultsDir], { cwd: repoRoot, timeout: 120_000 });
    expect(stdout).toContain("authorize, 200 clusters' grants (ms)");
    const json = (await readdir(resultsDir)).find((f) => f.endsWith('-authorize.json'));
    expect(json).toBeDefined();
    const result = JSON.parse(await readFile(join(resultsDir, json!), 'utf8')) as { figures: Array<{ clusters: number; indexMs: number; walkMs: number }> };
    expect(result.figures.map((f) => f.clusters)).toEqual([3, 200]);
    for (const f of result.figures) {
      expect(f.indexMs).toBeGreaterThan(0);
      expect(f.walkMs).toBeGreaterThan(0);
    }
  });
});
