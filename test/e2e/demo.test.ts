/**
 * `flotilla demo` as a user runs it: the compiled CLI in its own process, with its own
 * TMPDIR so the test can see that nothing is left behind. It must end 0 with the managed
 * namespaces of examples/ Placed on every member, 1 naming the object and condition when the
 * repository is broken, and with --keep stay up for kubectl until Ctrl-C — each time with no
 * directory and no git child process left.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFlotilla, REPO_ROOT } from '../support/flotilla-process.js';
import { kubectl } from '../support/kubectl.js';

const scratch = mkdtempSync(join(tmpdir(), 'flotilla-e2e-demo-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A TMPDIR of its own for one demo run, so leftovers are the demo's alone. */
function privateTmp(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  return dir;
}

/** Processes whose parent is `pid` (the demo's git http-backend children while it runs). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The final table's rows: namespace → state per member. */
function tableRows(output: string): Map<string, string[]> {
  const lines = output.split('\n');
  const header = lines.findIndex((l) => l.startsWith('MANAGED NAMESPACE'));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(header + 1)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 3 || !/^\d+\/\d+$/.test(cells.at(-1)!)) break;
    rows.set(cells[0]!, cells.slice(1, -1));
  }
  return rows;
}

describe('flotilla demo', () => {
  it('deploys examples/ to two member clusters and exits 0 with every managed namespace Placed on both', async () => {
    const tmp = privateTmp('ready');
    const demo = startFlotilla(['demo', '--clusters', '2', '--timeout', '100s'], { TMPDIR: tmp });
    const { code } = await demo.exited;
    const output = demo.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/^MANAGED NAMESPACE\s+MEMBER-1\s+MEMBER-2\s+READY$/m);
    const rows = tableRows(output);
    expect([...rows.keys()].sort()).toEqual(['sandbox-ml', 'team-payments', 'team-search']);
    for (const states of rows.values()) expect(states).toEqual(['Placed', 'Placed']);
    expect(readdirSync(tmp)).toEqual([]);
  }, 150_000);

  it('exits 1 naming the GitRepo and its condition when the repository cannot be deployed, leaving nothing behind', async () => {
    const tmp = privateTmp('broken');
    const examples = join(scratch, 'broken-examples');
    mkdirSync(join(examples, 'app'), { recursive: true });
    writeFileSync(join(examples, 'app', 'fleet.yaml'), 'defaultNamespace: [this is not a name\n');
    writeFileSync(join(examples, 'app', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const demo = startFlotilla(['demo', '--clusters', '1', '--examples', examples, '--timeout', '60s'], { TMPDIR: tmp });
    const { code } = await demo.exited;
    const output = demo.output();
    expect(code, output).toBe(1);
    expect(output).toMatch(/cannot be deployed until they are changed:\n\s+- GitRepo fleet-default\/examples: condition Stalled is True \(BundleError: app: app\/fleet.yaml/);
    expect(readdirSync(tmp)).toEqual([]);
  }, 90_000);

  it('with --keep prints kubeconfigs kubectl can use, then Ctrl-C ends it with 0, its git server children gone and its directory removed', async () => {
    const tmp = privateTmp('interrupted');
    const examples = join(scratch, 'interrupt-examples');
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'bundles', 'managed-namespaces', 'repo'), join(examples, 'teams'), { recursive: true });
    const demo = startFlotilla(['demo', '--clusters', '2', '--examples', examples, '--keep'], { TMPDIR: tmp });
    await demo.waitFor(/The demo keeps running/, 90_000);
    const member = /kubectl --kubeconfig (\S+member-2\.kubeconfig) get namespaces/.exec(demo.output())![1]!;
    const namespaces = await kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig: member, cacheDir: join(scratch, 'kubectl-cache') });
    expect(namespaces.stdout).toContain('namespace/team-a');
    const pid = demo.child.pid!;
    const children = childrenOf(pid);
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    expect(code, demo.output()).toBe(0);
    expect(children.filter(alive)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it('Ctrl-C while it starts ends it with 130 and removes its directory', async () => {
    const tmp = privateTmp('interrupted-at-start');
    const demo = startFlotilla(['demo', '--clusters', '1'], { TMPDIR: tmp });
    await demo.waitFor(/flotilla demo: joining/, 60_000);
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    expect(code, demo.output()).toBe(130);
    expect(readdirSync(tmp)).toEqual([]);
  }, 90_000);
});
