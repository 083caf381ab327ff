/**
 * The hub's parts as real `flotilla` processes for the hub fault cases: an API server that can
 * be killed with SIGKILL and started again on the same port and data directory (so every
 * client holding its kubeconfig reconnects to the new process), and controller replicas with
 * a fixed leader-election identity and an operations endpoint whose metrics say how much each
 * replica reconciled.
 */
import { startFlotilla, type FlotillaProcess } from '../../support/flotilla-process.js';

/** Log level of the child processes: FLOTILLA_TEST_LOG, else info (the cases read some lines). */
function logLevel(): string {
  return process.env.FLOTILLA_TEST_LOG || 'info';
}

const START_TIMEOUT_MS = 60_000;

/** Waits for the line that says the process is up; one that never says it is killed, not leaked. */
async function untilPrinted(proc: FlotillaProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  try {
    return await proc.waitFor(pattern, START_TIMEOUT_MS);
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
}

export interface ApiServerProcessOptions {
  dataDir: string;
  /** The admin kubeconfig; logical clusters get `<kubeconfigOut>-<name>`. */
  kubeconfigOut: string;
  /** Logical clusters served besides the root one. */
  clusters?: readonly string[];
}

export class ApiServerProcess {
  private constructor(
    private readonly options: ApiServerProcessOptions,
    private current: FlotillaProcess,
    readonly url: string,
  ) {}

  static async start(options: ApiServerProcessOptions): Promise<ApiServerProcess> {
    const { proc, url } = await ApiServerProcess.spawn(options, 0);
    return new ApiServerProcess(options, proc, url);
  }

  private static async spawn(options: ApiServerProcessOptions, port: number): Promise<{ proc: FlotillaProcess; url: string }> {
    const clusters = options.clusters?.length ? ['--clusters', ...options.clusters] : [];
    // Warn level: an API server's info lines are one per request, and nothing here reads them.
    const proc = startFlotilla(['apiserver', '--data-dir', options.dataDir, '--port', String(port), '--kubeconfig-out', options.kubeconfigOut, ...clusters, '--log-level', 'warn']);
    const [, url] = await untilPrinted(proc, /listening on (https:\/\/\S+)/);
    return { proc, url: url ?? '' };
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  get kubeconfigPath(): string {
    return this.options.kubeconfigOut;
  }

  /** Kills the process with SIGKILL: no shutdown code runs, in-flight requests are cut. */
  async crash(): Promise<void> {
    this.current.child.kill('SIGKILL');
    await this.current.exited;
  }

  /** Starts it again on the same port and data directory, as a supervisor restarting it would. */
  async restart(): Promise<void> {
    const { proc, url } = await ApiServerProcess.spawn(this.options, this.port);
    if (url !== this.url) throw new Error(`restarted on ${url}, not ${this.url}`);
    this.current = proc;
  }

  async stop(): Promise<void> {
    if (this.current.child.exitCode !== null || this.current.child.signalCode !== null) return;
    this.current.child.kill('SIGTERM');
    await this.current.exited;
  }
}

export interface ControllerReplicaOptions {
  hubKubeconfig: string;
  cacheDir: string;
  /** Its identity in the Lease; a replica restarted with the same one renews at once. */
  identity: string;
}

/** One `flotilla controller` process with leader election on and a metrics endpoint. */
export class ControllerReplica {
  private constructor(
    readonly identity: string,
    readonly process: FlotillaProcess,
    readonly opsUrl: string,
  ) {}

  static async start(options: ControllerReplicaOptions): Promise<ControllerReplica> {
    const proc = startFlotilla([
      'controller',
      '--kubeconfig', options.hubKubeconfig,
      '--cache-dir', options.cacheDir,
      '--leader-election-id', options.identity,
      '--metrics-addr', '127.0.0.1:0',
      '--log-level', logLevel(),
    ]);
    const [, opsUrl] = await untilPrinted(proc, /metrics on (http:\/\/\S+)\/metrics/);
    return new ControllerReplica(options.identity, proc, opsUrl ?? '');
  }

  /** Whether it ever started its controllers, i.e. ever led (it logs that line when it wins the Lease). */
  hasLed(): boolean {
    return this.process.output().includes('leading: controllers running');
  }

  /** Reconciles this replica ran since it started, summed over controllers and outcomes. */
  async reconciles(): Promise<number> {
    const text = await (await fetch(`${this.opsUrl}/metrics`)).text();
    let total = 0;
    for (const line of text.split('\n')) if (line.startsWith('flotilla_reconcile_total')) total += Number(line.split(' ').pop());
    return total;
  }

  async crash(): Promise<void> {
    this.process.child.kill('SIGKILL');
    await this.process.exited;
  }

  /** SIGTERM: the replica stops its controllers and releases the Lease. */
  async stop(): Promise<void> {
    if (this.process.child.exitCode !== null || this.process.child.signalCode !== null) return;
    this.process.child.kill('SIGTERM');
    await this.process.exited;
  }
}

/** Starts the cluster agents of `count` member clusters in one `flotilla agent --simulate` process. */
export async function startSimulatedAgents(options: { hub: string; token: string; hubCa: string; memberKubeconfigTemplate: string; clusterNamePrefix: string; count: number }): Promise<FlotillaProcess> {
  const proc = startFlotilla([
    'agent',
    '--hub', options.hub,
    '--token', options.token,
    '--hub-ca', options.hubCa,
    '--simulate', String(options.count),
    '--member-kubeconfig-template', options.memberKubeconfigTemplate,
    '--cluster-name', options.clusterNamePrefix,
    '--heartbeat-interval', '2s',
    '--log-level', process.env.FLOTILLA_TEST_LOG || 'warn',
  ]);
  // One line per agent once it runs; all of them registering can take a while on a busy machine.
  await waitForLines(proc, /flotilla agent running as cluster/g, options.count, 2 * START_TIMEOUT_MS).catch((err: unknown) => {
    proc.child.kill('SIGKILL');
    throw err;
  });
  return proc;
}

/** Resolves once the process printed `count` lines matching `pattern` (a global regexp). */
async function waitForLines(proc: FlotillaProcess, pattern: RegExp, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((proc.output().match(pattern) ?? []).length < count) {
    if (proc.child.exitCode !== null) throw new Error(`flotilla exited (${proc.child.exitCode}) before printing ${count} × ${pattern}:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} × ${pattern}:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
