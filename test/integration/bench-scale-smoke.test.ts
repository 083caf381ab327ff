/**
 * Runs the compiled scale benchmark (`node dist/bench/main.js scale`, what `npm run bench`
 * runs) at 5 clusters × 3 bundles with tiny peer comparisons, so it cannot silently rot: a
 * real hub, controller, member API server and agent host, a real git push. It checks the
 * result file's keys (issue 11's) and that every figure was measured, and that no process or
 * temporary directory is left behind; it never asserts how fast anything was.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEtcd } from '../../bench/peers/etcd.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const entry = join(repoRoot, 'dist', 'bench', 'main.js');
const tiny = ['--clusters', '5', '--bundles', '3', '--agents-per-host', '3', '--rest-seconds', '5', '--etcd-objects', '60', '--apply-objects', '50', '--apply-rounds', '1', '--polls', '3', '--resolution-clusters', '500', '--resolution-bundles', '10'];

function at(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

const positive = [
  'pushToReadyMs.p50', 'pushToReadyMs.p99', 'pushToReadyMs.max', 'changeToReadyMs.p50', 'changeToReadyMs.p99', 'relabelToReadyMs.p99',
  'details.memory.controllerBytes', 'details.memory.hubBytes', 'details.memory.memberBytes', 'details.memory.agentHostBytes',
  'details.push.cpuSeconds.total', 'details.registrationMs',
  'ratios.agentApplyVsKubectl', 'ratios.pollVsLsRemote', 'ratios.resolutionVsNestedLoop',
];
// Measured, but may honestly be 0 in a 5-second window or when memory did not grow.
const measured = ['controllerBytesPerCluster', 'hubBytesPerCluster', 'hubRequestsPerClusterPerMinuteAtRest', 'details.atRest.responseBytesPerClusterPerMinute', 'details.change.cpuSeconds.total', 'details.relabel.cpuSeconds.total'];

describe('npm run bench -- scale at 5 clusters × 3 bundles', () => {
  let resultsDir = '';
  let logsDir = '';
  let stdout = '';
  let stderr = '';
  beforeAll(async () => {
    expect(existsSync(entry), `${entry} is missing: run npm run build first`).toBe(true);
    resultsDir = await mkdtemp(join(tmpdir(), 'bench-scale-smoke-'));
    logsDir = await mkdtemp(join(tmpdir(), 'bench-scale-smoke-logs-'));
    ({ stdout, stderr } = await run(process.execPath, [entry, 'scale', ...tiny, '--results-dir', resultsDir, '--keep-logs', logsDir], { cwd: repoRoot, timeout: 600_000 }));
  }, 660_000);
  afterAll(async () => {
    if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
    if (logsDir) await rm(logsDir, { recursive: true, force: true });
  });

  const result = async () => {
    const files = (await readdir(resultsDir)).sort();
    return { files, json: JSON.parse(await readFile(join(resultsDir, files[0] ?? 'missing'), 'utf8')) };
  };

  it('writes <date>-<commit>-scale-5x3.json and .md with the run\'s machine and commit', async () => {
    const { files, json } = await result();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]+-scale-5x3\.json$/);
    expect(files[1]).toBe(files[0]!.replace(/json$/, 'md'));
    expect(json).toMatchObject({ benchmark: 'scale', clusters: 5, bundles: 3, parameters: { clusters: 5, bundles: 3, agentHosts: 2 } });
    expect(json.run.cores).toBeGreaterThan(0);
    expect(json.run.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(await readFile(join(resultsDir, files[1]!), 'utf8')).toContain('| issue 11 target | figure | verdict |');
    expect(stdout).toContain('push to Ready');
  });

  it('measured every figure, and every BundleDeployment of each rollout', async () => {
    const { json } = await result();
    for (const path of positive) expect(at(json, path), path).toBeGreaterThan(0);
    for (const path of measured) expect(at(json, path), path).toBeGreaterThanOrEqual(0);
    expect(json.pushToReadyMs.count).toBe(15);
    expect(json.changeToReadyMs.count).toBe(5);
    expect(json.details.relabel.movedClusters).toBe(1);
    expect(json.relabelToReadyMs.count).toBe(3);
    if (findEtcd()) expect(json.ratios.hubWritesVsEtcd).toBeGreaterThan(0);
    else expect(json.ratios.hubWritesVsEtcd).toBeNull();
    expect(json.targets.map((t: { verdict: string }) => t.verdict)).not.toContain(undefined);
  });

  it('with --keep-logs, keeps each process\'s output in its own file', async () => {
    const logs = (await readdir(logsDir)).sort();
    expect(logs).toEqual(expect.arrayContaining(['flotilla-controller.log', 'hub-apiserver.log', 'member-apiserver-1.log']));
    expect(logs.filter((f) => f.startsWith('agent-host-'))).toHaveLength(2);
    expect(await readFile(join(logsDir, 'hub-apiserver.log'), 'utf8')).toContain('listening on');
  });

  it('reports progress on stderr and removes its temporary directory', () => {
    const workDir = /temporary directory (\S+)/.exec(stderr)?.[1];
    expect(workDir).toMatch(/flotilla-bench-scale-/);
    expect(existsSync(workDir!)).toBe(false);
    expect(stderr).toContain('push: BundleDeployments Ready');
  });

  it('says the registration rate, and keeps each phase in a partial file that the complete results replace', () => {
    expect(stderr).toMatch(/clusters registered and heartbeating: 5\/5 after \d+ s \([\d.]+ per second\)/);
    const partial = /figures so far are kept in (\S+)/.exec(stderr)?.[1];
    expect(partial).toMatch(/-scale-5x3-partial\.json$/);
    expect(existsSync(partial!)).toBe(false);
  });
});
