/**
 * `flotilla up` as a user runs it: the compiled CLI in the foreground on a data directory,
 * then kubectl and `flotilla version` against the kubeconfig it wrote, then Ctrl-C. It must
 * exit 0, release its port and leave no child process; a second `up` on the same directory
 * finds what the first one stored.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FLOTILLA_BIN, startFlotilla, type FlotillaProcess } from '../support/flotilla-process.js';
import { kubectl } from '../support/kubectl.js';

const scratch = mkdtempSync(join(tmpdir(), 'flotilla-e2e-up-'));
const dataDir = join(scratch, 'data');
const kubeconfig = join(dataDir, 'hub.kubeconfig');
const cacheDir = join(scratch, 'kubectl-cache');
const started: FlotillaProcess[] = [];

afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(started.map((p) => p.exited));
  rmSync(scratch, { recursive: true, force: true });
});

async function up(): Promise<{ process: FlotillaProcess; url: string }> {
  const process = startFlotilla(['up', '--data-dir', dataDir]);
  started.push(process);
  const [, url] = await process.waitFor(/Flotilla hub running at (\S+) /, 60_000);
  return { process, url: url! };
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function run(args: string[]): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [FLOTILLA_BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    return { code: (err as { status?: number }).status ?? 1, stdout: String((err as { stdout?: string }).stdout ?? '') };
  }
}

async function stop(hub: { process: FlotillaProcess; url: string }): Promise<void> {
  const children = childrenOf(hub.process.child.pid!);
  hub.process.child.kill('SIGINT');
  const { code, signal } = await hub.process.exited;
  expect({ code, signal }, hub.process.output()).toEqual({ code: 0, signal: null });
  expect(children.filter(isAlive)).toEqual([]);
  expect(await portOpen(hub.url)).toBe(false);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('flotilla up', () => {
  it('serves a hub kubectl and flotilla use, prints what to do next, and stops on Ctrl-C with exit 0 and nothing left running', async () => {
    const hub = await up();
    expect(hub.process.output()).toContain(`export KUBECONFIG=${kubeconfig}`);
    const namespaces = await kubectl(['get', 'ns', '-o', 'name'], { kubeconfig, cacheDir });
    expect(namespaces.code, namespaces.stderr).toBe(0);
    expect(namespaces.stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/fleet-local', 'namespace/fleet-default', 'namespace/flotilla-system']));
    const clusters = await kubectl(['get', 'clusters.flotilla.io', '-n', 'fleet-local', '-o', 'name'], { kubeconfig, cacheDir });
    expect(clusters.stdout.trim()).toBe('cluster.flotilla.io/local');
    const version = run(['version', '--kubeconfig', kubeconfig]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^Client version: \S+\nHub version: v\d+\.\d+/);
    await kubectl(['create', 'configmap', 'kept', '-n', 'fleet-default', '--from-literal=a=b'], { kubeconfig, cacheDir });
    await stop(hub);
  }, 120_000);

  it('started again on the same data directory finds what the first run stored', async () => {
    const hub = await up();
    const kept = await kubectl(['get', 'configmap', 'kept', '-n', 'fleet-default', '-o', 'jsonpath={.data.a}'], { kubeconfig, cacheDir });
    expect(kept.stdout).toBe('b');
    await stop(hub);
  }, 120_000);
});
