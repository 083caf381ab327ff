/**
 * Runs the compiled API-server benchmark (`node dist/bench/main.js apiserver`, what
 * `npm run bench` runs) at a tiny size so it cannot silently rot. It checks the result file's
 * shape and that every figure was measured; it never asserts how fast anything was.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findEtcd } from '../../bench/peers/etcd.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const entry = join(repoRoot, 'dist', 'bench', 'main.js');
const tiny = ['--objects', '50', '--concurrency', '4', '--watch-writes', '20', '--warmup', '5', '--rounds', '2', '--quiet'];

const measuredPeerFields = ['createsPerSecond', 'createWallMs', 'createLatencyMs.p50', 'createLatencyMs.p99', 'watchEventMs.p50', 'watchEventMs.p99', 'sequentialAckMs.p50'];

function at(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

describe('npm run bench -- apiserver', () => {
  let resultsDir = '';
  afterEach(async () => {
    if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'with the machine\'s etcd, both peers are measured when etcd is installed', etcd: 'etcd', etcdInstalled: findEtcd() !== undefined },
    { name: 'without etcd, Flotilla is still measured and every ratio is null', etcd: '/nonexistent/etcd', etcdInstalled: false },
  ];

  it.each(cases)('$name', async ({ etcd, etcdInstalled }) => {
    expect(existsSync(entry), `${entry} is missing: run npm run build first`).toBe(true);
    resultsDir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
    const { stdout, stderr } = await run(process.execPath, [entry, 'apiserver', ...tiny, '--etcd', etcd, '--results-dir', resultsDir], { cwd: repoRoot, timeout: 120_000 });

    const files = (await readdir(resultsDir)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]+-apiserver\.json$/);
    expect(files[1]).toBe(files[0]!.replace(/json$/, 'md'));
    const result = JSON.parse(await readFile(join(resultsDir, files[0]!), 'utf8'));

    expect(result).toMatchObject({ benchmark: 'apiserver', parameters: { objects: 50, concurrency: 4, sizeBytes: 1024, watchWrites: 20, warmup: 5, rounds: 2 } });
    expect(result.run.cores).toBeGreaterThan(0);
    expect(result.run.node).toBe(process.version);
    expect(result.run.commit).toMatch(/^[0-9a-f]{7,}$/);
    for (const field of measuredPeerFields) expect(at(result.flotilla, field), `flotilla.${field}`).toBeGreaterThan(0);
    expect(result.flotilla.createLatencyMs.count).toBe(50);
    expect(result.flotilla.watchEventMs.count).toBe(20);
    expect(stdout).toContain('durable creates (per s)');
    expect(await readFile(join(resultsDir, files[1]!), 'utf8')).toContain('| durable creates (per s) |');

    if (etcdInstalled) {
      for (const field of measuredPeerFields) expect(at(result.etcd, field), `etcd.${field}`).toBeGreaterThan(0);
      for (const ratio of Object.values(result.ratios)) expect(ratio).toBeGreaterThan(0);
    } else {
      expect(result.etcd).toEqual({ measured: false, reason: expect.stringContaining('sudo apt-get install etcd-server') });
      expect(result.ratios).toEqual({ hubWritesVsEtcd: null, watchLatencyP50VsEtcd: null, watchLatencyP99VsEtcd: null });
      expect(stderr).toContain('sudo apt-get install etcd-server');
    }
  });
});
