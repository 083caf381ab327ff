/**
 * The processes of a scale run, each the real `flotilla` CLI as a user runs it: the hub API
 * server, the controller (separate, as in production), member API servers serving the member
 * clusters as logical clusters (as many as the descriptor plan needs), and agent hosts each running many agents
 * (`flotilla agent --simulate K`, every agent on the single agent's code path with its own
 * clients). Each is started through `sh -c 'ulimit -n …; exec …'` so it may hold the
 * thousands of connections and watches the run needs, and its stop is registered on the
 * cleanup stack before it is awaited.
 */
import { execFile } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CleanupStack } from '../support/cleanup-stack.js';
import { startChild, type RunningChild } from '../support/child-process.js';

/** Raises the open-file limit as far as the hard limit allows, then becomes the command. */
const RAISE_NOFILE = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';

export interface ProcessSpec {
  repoRoot: string;
  cleanup: CleanupStack;
  /** How long to wait for the ready line. */
  readyTimeoutMs: number;
  /** Where each process's output is kept as `<label>.log`; undefined: only its last lines, for errors. */
  logDir?: string;
}

function flotilla(spec: ProcessSpec, label: string, args: string[], ready: RegExp, nodeFlags: readonly string[] = []): Promise<RunningChild> {
  const node = [process.execPath, '--max-old-space-size=4096', ...nodeFlags, join(spec.repoRoot, 'bin', 'flotilla.js'), ...args];
  const logFile = spec.logDir ? join(spec.logDir, `${label.replace(/[^A-Za-z0-9]+/g, '-')}.log`) : undefined;
  return startChild({ label, command: 'sh', args: ['-c', RAISE_NOFILE, 'sh', ...node], cwd: spec.repoRoot, ready, readyTimeoutMs: spec.readyTimeoutMs, cleanup: spec.cleanup, ...(logFile ? { logFile } : {}) });
}

export interface ApiServerProcess {
  child: RunningChild;
  url: string;
  kubeconfig: string;
}

/** `flotilla apiserver`, with `clusters` logical clusters whose kubeconfigs are `<kubeconfig>-<name>`. */
export async function startApiServerProcess(spec: ProcessSpec, options: { label: string; dataDir: string; clusters?: readonly string[] }): Promise<ApiServerProcess> {
  const kubeconfig = join(options.dataDir, 'admin.kubeconfig');
  const clusters = options.clusters?.length ? ['--clusters', ...options.clusters] : [];
  const args = ['apiserver', '--data-dir', options.dataDir, '--port', '0', '--kubeconfig-out', kubeconfig, '--log-level', 'warn', ...clusters];
  const child = await flotilla(spec, options.label, args, /listening on (\S+)/);
  return { child, url: child.match[1] ?? '', kubeconfig };
}

export interface ControllerProcess {
  child: RunningChild;
  webhookUrl: string;
  /** Where the controller writes a heap snapshot on SIGUSR2 (bench/scale/live-heap.ts). */
  diagnosticDir: string;
}

export async function startControllerProcess(spec: ProcessSpec, options: { hubKubeconfig: string; cacheDir: string; diagnosticDir: string }): Promise<ControllerProcess> {
  await mkdir(options.diagnosticDir, { recursive: true });
  const args = ['controller', '--kubeconfig', options.hubKubeconfig, '--cache-dir', options.cacheDir, '--webhook-addr', '127.0.0.1:0', '--no-leader-elect', '--log-level', 'warn'];
  const heapFlags = ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${options.diagnosticDir}`];
  const child = await flotilla(spec, 'flotilla controller', args, /webhook endpoint (\S+)/, heapFlags);
  return { child, webhookUrl: child.match[1] ?? '', diagnosticDir: options.diagnosticDir };
}

/** `flotilla cluster token create`: the token agents register with, and the hub CA it writes. */
export async function createRegistrationToken(spec: ProcessSpec, options: { hubKubeconfig: string; caOut: string; workspace: string }): Promise<string> {
  const args = [join(spec.repoRoot, 'bin', 'flotilla.js'), 'cluster', 'token', 'create', '-n', options.workspace, '--kubeconfig', options.hubKubeconfig, '--ca-out', options.caOut, '--ttl', '24h', '--timeout', '5m'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: spec.repoRoot, timeout: 6 * 60_000 });
  const token = /--token (\S+)/.exec(stdout)?.[1];
  if (!token) throw new Error(`flotilla cluster token create printed no token:\n${stdout}`);
  return token;
}

export interface AgentHostPlan {
  /** Member cluster names, in order; host j runs the next `hostSizes[j]` of them. */
  members: readonly string[];
  /** Agents per host, from the descriptor plan (scale-plan.ts). */
  hostSizes: readonly number[];
  /** Each member's kubeconfig (its member API server's `<kubeconfig>-<member>`). */
  memberKubeconfig: (member: string) => string;
  hubUrl: string;
  hubCaFile: string;
  token: string;
  labels: Readonly<Record<string, string>>;
  /** A directory for each host's kubeconfig links. */
  workDir: string;
  /** How long each agent waits for the hub to grant its registration (the CLI's default of 2 minutes is too short for a thousand at once). */
  registrationTimeoutSeconds: number;
  /** The agents' `--heartbeat-interval`, when the run sets one. */
  heartbeatInterval?: string;
  /** Called with each host as soon as its first agent runs, so its death is noticed while the others still start. */
  onStarted?: (host: RunningChild, index: number) => void;
}

/** Host j's members as 1…K, since `--simulate` numbers its instances from 1: links to the member kubeconfigs. */
async function hostTemplate(plan: AgentHostPlan, host: number, members: readonly string[]): Promise<string> {
  const dir = join(plan.workDir, `host-${host}`);
  await mkdir(dir, { recursive: true });
  for (const [k, member] of members.entries()) await symlink(plan.memberKubeconfig(member), join(dir, `member-${k + 1}.kubeconfig`));
  return join(dir, 'member-{i}.kubeconfig');
}

/** Starts every agent host at once; each resolves once its first agent runs (the caller waits for all of them on the hub). */
export async function startAgentHosts(spec: ProcessSpec, plan: AgentHostPlan): Promise<RunningChild[]> {
  const labels = Object.entries(plan.labels).map(([k, v]) => `${k}=${v}`).join(',');
  const heartbeat = plan.heartbeatInterval ? ['--heartbeat-interval', plan.heartbeatInterval] : [];
  const hosts: Array<Promise<RunningChild>> = [];
  let first = 0;
  for (const [host, size] of plan.hostSizes.entries()) {
    const members = plan.members.slice(first, first + size);
    first += size;
    const template = await hostTemplate(plan, host, members);
    const args = ['agent', '--hub', plan.hubUrl, '--token', plan.token, '--hub-ca', plan.hubCaFile, '--simulate', String(members.length), '--member-kubeconfig-template', template, '--cluster-name', `h${host}`, '--labels', labels, '--registration-timeout', `${plan.registrationTimeoutSeconds}s`, ...heartbeat, '--log-level', 'warn'];
    // Started together: a host waiting for the previous one's first registration would queue them behind each other.
    hosts.push(flotilla(spec, `agent host ${host} (${members.length} agents)`, args, /flotilla agent running as cluster/).then((child) => (plan.onStarted?.(child, host), child)));
  }
  return Promise.all(hosts);
}
