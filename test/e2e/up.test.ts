/**
 * `flotilla up` as a user runs it: the compiled CLI in the foreground on a data directory,
 * then kubectl, `flotilla version` and `flotilla cluster list` in each output format against
 * the kubeconfig it wrote, then Ctrl-C. It must
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

const formats = [
  { name: 'cluster list prints a table with the local Cluster seen by its agent', format: 'table', check: (out: string) => expect(out).toMatch(/^NAME\s+BUNDLES-READY\s+LAST-SEEN\s+STATE\s+AGE\nlocal\s+0\/0\s+\d+s\s/) },
  { name: 'cluster list -o json prints a List holding the local Cluster', format: 'json', check: (out: string) => expect((JSON.parse(out) as { items: Array<{ metadata: { name: string } }> }).items.map((i) => i.metadata.name)).toEqual(['local']) },
  { name: 'cluster list -o yaml prints the same List as YAML', format: 'yaml', check: (out: string) => expect(out).toMatch(/^apiVersion: v1\nkind: List\n[\s\S]*kind: Cluster\n[\s\S]*name: local\n/) },
];

describe('flotilla up', () => {
  let hub: { process: FlotillaProcess; url: string };

  it('serves a hub kubectl and flotilla version use, and prints what to do next', async () => {
    hub = await up();
    expect(hub.process.output()).toContain(`export KUBECONFIG=${kubeconfig}`);
    const namespaces = await kubectl(['get', 'ns', '-o', 'name'], { kubeconfig, cacheDir });
    expect(namespaces.code, namespaces.stderr).toBe(0);
    expect(namespaces.stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/fleet-local', 'namespace/fleet-default', 'namespace/flotilla-system']));
    const version = run(['version', '--kubeconfig', kubeconfig]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^Client version: \S+\nHub version: v\d+\.\d+/);
  }, 120_000);

  it.each(formats)('$name', async ({ format, check }) => {
    // The local agent's first heartbeat fills LAST-SEEN; wait for it rather than for a fixed time.
    await expect.poll(() => run(['cluster', 'list', '-n', 'fleet-local', '-o', 'table', '--kubeconfig', kubeconfig]).stdout, { timeout: 30_000 }).toMatch(/\d+s\s+\S*\s*\d+s\n$/);
    const result = run(['cluster', 'list', '-n', 'fleet-local', '-o', format, '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(0);
    check(result.stdout);
  }, 60_000);

  it('stops on Ctrl-C with exit 0, its port released and no child left', async () => {
    await kubectl(['create', 'configmap', 'kept', '-n', 'fleet-default', '--from-literal=a=b'], { kubeconfig, cacheDir });
    await stop(hub);
  }, 60_000);

  it('started again on the same data directory finds what the first run stored', async () => {
    const again = await up();
    const kept = await kubectl(['get', 'configmap', 'kept', '-n', 'fleet-default', '-o', 'jsonpath={.data.a}'], { kubeconfig, cacheDir });
    expect(kept.stdout).toBe('b');
    await stop(again);
  }, 120_000);
});
