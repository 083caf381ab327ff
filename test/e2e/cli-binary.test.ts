/**
 * The everyday commands and the controller as a user runs them: `node bin/flotilla.js ...`
 * (what `npx flotilla` runs) against a real embedded hub, with the hub found through
 * --kubeconfig, KUBECONFIG, or the embedded hub's default path under HOME; exit codes and
 * messages on failure; and `flotilla controller --metrics-addr` answering /healthz and
 * stopping cleanly on SIGTERM.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, copyFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOTILLA_BIN, REPO_ROOT, startFlotilla } from '../support/flotilla-process.js';
import { startTestApiServer, type TestApiServer } from '../support/api-server.js';

const run = promisify(execFile);
let api: TestApiServer;
let home: string;

/** bin/flotilla.js runs dist/; compile when it is missing or older than the commands. */
async function ensureBuilt(): Promise<void> {
  const built = await stat(join(REPO_ROOT, 'dist/src/cli/commands/controller-process.js')).catch(() => undefined);
  const source = await stat(join(REPO_ROOT, 'src/cli/commands/controller-process.ts'));
  if (built && built.mtimeMs >= source.mtimeMs) return;
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT }).catch(() => undefined);
}

async function flotilla(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { KUBECONFIG: _ignored, ...rest } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [FLOTILLA_BIN, ...args], { env: { ...rest, HOME: home, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  await ensureBuilt();
  api = await startTestApiServer();
  home = await mkdtemp(join(tmpdir(), 'flotilla-home-'));
  // The controller bootstraps the hub (CRDs, workspaces); run it once without a Lease to do so.
  const controller = startFlotilla(['controller', '--kubeconfig', api.kubeconfigPath, '--no-leader-elect', '--log-level', 'silent']);
  await controller.waitFor(/flotilla controller running/, 60_000);
  controller.child.kill('SIGTERM');
  expect(await controller.exited).toEqual({ code: 0, signal: null });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('flotilla as a user runs it', () => {
  const sources = [
    { name: '--kubeconfig names the hub', args: ['--kubeconfig', '{hub}'], env: {} },
    { name: 'KUBECONFIG names the hub', args: [], env: { KUBECONFIG: '{hub}' } },
  ];

  it.each(sources)('$name', async ({ args, env }) => {
    const fill = (v: string) => v.replace('{hub}', api.kubeconfigPath);
    const added = await flotilla(['gitrepo', 'add', `repo-${args.length}`, '--repo', 'https://git.example.com/r.git', ...args.map(fill)], Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])));
    expect(added).toMatchObject({ code: 0, stdout: `gitrepo.flotilla.io/repo-${args.length} created\n` });
  });

  it('without flag or KUBECONFIG the embedded hub’s ~/.flotilla/hub.kubeconfig is used', async () => {
    await mkdir(join(home, '.flotilla'), { recursive: true });
    await copyFile(api.kubeconfigPath, join(home, '.flotilla', 'hub.kubeconfig'));
    const { code, stdout } = await flotilla(['gitrepo', 'list', '-o', 'name']);
    expect(code).toBe(0);
    expect(stdout).toBe('gitrepo.flotilla.io/repo-0\ngitrepo.flotilla.io/repo-2\n');
    await rm(join(home, '.flotilla'), { recursive: true });
  });

  const failures = [
    { name: 'a GitRepo that does not exist exits 1 naming it', args: ['gitrepo', 'show', 'nope', '--kubeconfig', '{hub}'], message: 'flotilla: GitRepo "nope" not found in namespace fleet-default\n' },
    { name: 'no kubeconfig anywhere exits 1 naming the path it looked for', args: ['cluster', 'list'], message: `flotilla: kubeconfig {home}/.flotilla/hub.kubeconfig does not exist\n` },
    { name: 'a usage error exits 1 with commander’s message', args: ['clustergroup', 'create'], message: "error: missing required argument 'name'" },
  ];

  it.each(failures)('$name', async ({ args, message }) => {
    const result = await flotilla(args.map((a) => a.replace('{hub}', api.kubeconfigPath)));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message.replace('{home}', home));
  });

  it('version prints the client version and the hub’s', async () => {
    const { stdout } = await flotilla(['version', '--kubeconfig', api.kubeconfigPath]);
    expect(stdout).toMatch(/^Client version: \d+\.\d+\.\d+\nHub version: v1\./);
  });

  it('controller --metrics-addr answers /healthz and /metrics, and exits 0 on SIGTERM', async () => {
    const controller = startFlotilla(['controller', '--kubeconfig', api.kubeconfigPath, '--metrics-addr', '127.0.0.1:0', '--log-level', 'silent']);
    const [, url] = (await controller.waitFor(/metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/, 30_000)) as RegExpMatchArray & [string, string];
    await controller.waitFor(/flotilla controller running/, 60_000);
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok\n');
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^flotilla_leader 1$/m);
    controller.child.kill('SIGTERM');
    expect(await controller.exited).toEqual({ code: 0, signal: null });
    // The Lease was released on the way out, so a successor need not wait for it to expire.
    const lease = await api.request('GET', '/apis/coordination.k8s.io/v1/namespaces/flotilla-system/leases/flotilla-controller');
    expect(lease.json.spec.holderIdentity ?? '').toBe('');
  });
});
