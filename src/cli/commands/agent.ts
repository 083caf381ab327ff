/**
 * `flotilla agent --hub URL --token T [--hub-ca FILE] --kubeconfig MEMBER [--cluster-name N]
 * [--labels k=v,…]`: joins a member cluster to a hub (or, with a credential already stored on
 * the member, rejoins without a token) and runs its agent in the foreground until SIGTERM or
 * SIGINT. `--simulate N --member-kubeconfig-template FILE{i}` runs N agents in this process,
 * one per member kubeconfig (`{i}` is 1…N), each on the same code path with its own clients.
 * Agents start at most `--start-concurrency` at a time; one that fails to start is retried
 * with backoff while the others run (agent-host.ts). A token the hub rejects ends the command
 * non-zero with the reason once no agent runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import { RegistrationError, type RegistrationFailureReason } from '../../agent/registration/index.js';
import { connectAgent, type ConnectedAgent } from '../../agent/runtime/index.js';
import { systemClock } from '../../kube/clock.js';
import { ConnectionPools } from '../../kube/connection-pools.js';
import { Duration } from '../../kube/duration.js';
import { loadKubeConfig } from '../../kube/kubeconfig.js';
import { createLogger, type LogLevel } from '../logger.js';
import { untilSignal } from '../signals.js';
import { AgentHost } from './agent-host.js';

interface AgentFlags {
  hub?: string;
  token?: string;
  hubCa?: string;
  kubeconfig?: string;
  context?: string;
  clusterName?: string;
  labels?: string;
  simulate?: string;
  memberKubeconfigTemplate?: string;
  heartbeatInterval: string;
  resyncInterval: string;
  registrationTimeout: string;
  startConcurrency: string;
  logLevel: LogLevel;
}

/** `k=v,k2=v2` into labels; throws naming the bad pair. */
export function parseLabelList(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--labels: "${pair}" is not key=value`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

/** The package's version, from the package.json above this file (src/ or dist/src/). */
function agentVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'flotilla') return pkg.version ?? 'unknown';
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

interface Instance {
  memberKubeconfig: string;
  clusterName?: string;
}

/** One instance, or N from the template (`{i}` replaced by 1…N, the cluster name suffixed `-i`). */
function instances(flags: AgentFlags): Instance[] {
  if (!flags.simulate) {
    if (!flags.kubeconfig) throw new Error('--kubeconfig MEMBER is required: the member cluster the agent applies to');
    return [{ memberKubeconfig: flags.kubeconfig, ...(flags.clusterName ? { clusterName: flags.clusterName } : {}) }];
  }
  const n = Number(flags.simulate);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--simulate: "${flags.simulate}" is not a positive whole number`);
  const template = flags.memberKubeconfigTemplate;
  if (!template?.includes('{i}')) throw new Error('--simulate needs --member-kubeconfig-template with {i} where the instance number goes');
  return Array.from({ length: n }, (_, k) => ({ memberKubeconfig: template.replaceAll('{i}', String(k + 1)), ...(flags.clusterName ? { clusterName: `${flags.clusterName}-${k + 1}` } : {}) }));
}

/** A member kubeconfig that cannot be read: retrying will not mend it. */
class MemberKubeconfigError extends Error {
  override readonly name = 'MemberKubeconfigError';
}

function memberKubeConfig(instance: Instance, flags: AgentFlags): ReturnType<typeof loadKubeConfig> {
  try {
    return loadKubeConfig({ flag: instance.memberKubeconfig, ...(flags.context ? { context: flags.context } : {}) });
  } catch (err) {
    throw new MemberKubeconfigError(`member kubeconfig ${instance.memberKubeconfig}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** What the agents of one process share: never a credential or a cache, only settings and connection pools. */
interface SharedByAgents {
  version: string;
  hubCaPem?: string;
  labels?: Record<string, string>;
  connections: ConnectionPools;
}

async function startOne(instance: Instance, flags: AgentFlags, logger: Logger, shared: SharedByAgents, signal: AbortSignal): Promise<ConnectedAgent> {
  const { kubeConfig } = memberKubeConfig(instance, flags);
  const connected = await connectAgent({
    memberKubeConfig: kubeConfig,
    ...(flags.hub ? { hubServer: flags.hub } : {}),
    ...(shared.hubCaPem ? { hubCaPem: shared.hubCaPem } : {}),
    ...(flags.token ? { token: flags.token } : {}),
    ...(instance.clusterName ? { clusterName: instance.clusterName } : {}),
    ...(shared.labels ? { labels: shared.labels } : {}),
    version: shared.version,
    clock: systemClock(),
    logger: logger.child({ member: instance.memberKubeconfig }),
    heartbeatInterval: Duration.parse(flags.heartbeatInterval),
    resyncInterval: Duration.parse(flags.resyncInterval),
    registrationTimeout: Duration.parse(flags.registrationTimeout),
    signal,
    connections: shared.connections,
  });
  const { clusterName, workspace, clusterNamespace } = connected.credential;
  process.stdout.write(`flotilla agent running as cluster ${workspace}/${clusterName} (hub namespace ${clusterNamespace}; ${connected.registered ? 'registered now' : 'stored credential'})\n`);
  return connected;
}

async function runAgents(flags: AgentFlags): Promise<void> {
  const logger = createLogger({ level: flags.logLevel });
  const shared: SharedByAgents = {
    version: agentVersion(),
    connections: new ConnectionPools(),
    ...(flags.hubCa ? { hubCaPem: readFileSync(flags.hubCa, 'utf8') } : {}),
    ...(flags.labels ? { labels: parseLabelList(flags.labels) } : {}),
  };
  const host = new AgentHost<Instance, ConnectedAgent>({
    instances: instances(flags),
    start: (i, signal) => startOne(i, flags, logger, shared, signal),
    isPermanent: (err) => (err instanceof RegistrationError && PERMANENT.has(err.reason)) || err instanceof MemberKubeconfigError,
    concurrency: positive(flags.startConcurrency, '--start-concurrency'),
    backoff: { initial: Duration.seconds(1), max: Duration.seconds(30) },
    clock: systemClock(),
    logger,
    describe: (i) => i.memberKubeconfig,
  });
  const stopping = untilSignal(['SIGTERM', 'SIGINT']);
  try {
    const outcome = await Promise.race([host.start(), stopping.then(() => undefined)]);
    // No agent runs and none is retried: say why, as a single agent always did.
    if (outcome && outcome.running === 0 && outcome.failures.length > 0) throw outcome.failures[0];
    const signal = await stopping;
    logger.info({ signal }, 'shutting down');
  } finally {
    await host.stop();
    logger.flush();
  }
}

/** Registration failures the hub answers the same way every time. */
const PERMANENT: ReadonlySet<RegistrationFailureReason> = new Set(['TokenRejected', 'MalformedToken', 'Refused']);

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: "${text}" is not a positive whole number`);
  return n;
}

export function agentCommand(): Command {
  return new Command('agent')
    .description('join a member cluster to a hub and apply its BundleDeployments there')
    .option('--hub <url>', 'the hub API server URL (default: the one stored on the member)')
    .option('--token <token>', 'registration token from `flotilla cluster token create`; not needed once registered')
    .option('--hub-ca <file>', 'PEM file of the CA the hub’s serving certificate is signed by')
    .option('--kubeconfig <file>', 'kubeconfig of the member cluster')
    .option('--context <name>', 'context of the member kubeconfig to use')
    .option('--cluster-name <name>', 'the Cluster name to ask for (default: derived from the member’s identity)')
    .option('--labels <k=v,...>', 'labels to ask for on the Cluster')
    .option('--simulate <n>', 'run n agents in this process, one per member kubeconfig of --member-kubeconfig-template')
    .option('--member-kubeconfig-template <file>', 'member kubeconfig path with {i} for the instance number (1…n)')
    .option('--heartbeat-interval <duration>', 'time between heartbeats', '15s')
    .option('--resync-interval <duration>', 'time between re-checks of every bundle without events', '5m')
    .option('--registration-timeout <duration>', 'how long to wait for the hub to grant the registration', '2m')
    .option('--start-concurrency <n>', 'most agents of this process registering or starting at once', '64')
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action((flags: AgentFlags) => runAgents(flags));
}
