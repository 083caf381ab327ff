/**
 * `flotilla demo [--clusters 3] [--keep] [--timeout 2m]`: Flotilla end to end in one
 * process — an embedded hub with N member clusters (logical clusters of one API server)
 * whose agents join through a registration token, `examples/` served as a git repository,
 * a GitRepo deploying it — showing the rollout per cluster on stderr and then the managed
 * namespaces by member cluster on stdout. Exits 0 when everything is ready, 1 with what was
 * not ready (object and condition) on failure or timeout, 130 on Ctrl-C; with `--keep` it
 * stays up and prints the kubeconfigs until Ctrl-C. Nothing is left behind either way.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { packageRoot } from '../demo/package-root.js';
import { runDemo } from '../demo/run-demo.js';
import { createLogger, type LogLevel } from '../logger.js';
import { clientVersion } from './version.js';

interface DemoFlags {
  clusters: string;
  keep?: boolean;
  timeout: string;
  examples?: string;
  logLevel: LogLevel;
}

const MAX_CLUSTERS = 50;

function clusterCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CLUSTERS) throw new Error(`--clusters: "${text}" is not a whole number from 1 to ${MAX_CLUSTERS}`);
  return n;
}

function examplesDir(flag: string | undefined): string {
  const root = packageRoot();
  const dir = flag ? resolve(flag) : root ? join(root, 'examples') : '';
  if (!dir || !existsSync(dir)) throw new Error(`the examples folder ${dir || '(package root not found)'} does not exist`);
  if (readdirSync(dir).length === 0) throw new Error(`the examples folder ${dir} is empty: nothing to deploy`);
  return dir;
}

/** Ctrl-C and SIGTERM abort the demo, which then tears everything down before exiting. */
function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal) };
}

async function demo(flags: DemoFlags): Promise<void> {
  const clusters = clusterCount(flags.clusters);
  const examples = examplesDir(flags.examples);
  const timeout = Duration.parse(flags.timeout);
  const logger = createLogger({ level: flags.logLevel });
  const interrupt = interruptSignal();
  try {
    const code = await runDemo({ clusters, keep: Boolean(flags.keep), timeout, examplesDir: examples, version: clientVersion(), logger, clock: systemClock(), signal: interrupt.signal, stdout: process.stdout, stderr: process.stderr });
    if (code !== 0) throw new CommanderError(code, 'flotilla.demo', '');
  } finally {
    interrupt.dispose();
    logger.flush();
  }
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('run Flotilla end to end in one process: a hub, member clusters with agents, examples/ from git; exits 0 when all is ready')
    .option('--clusters <n>', 'number of member clusters', '3')
    .option('--keep', 'keep running when ready and print the kubeconfigs, until Ctrl-C')
    .option('--timeout <duration>', 'give up (exit 1, saying what is not ready) after this long', '2m')
    .option('--examples <dir>', 'folder to serve as the git repository (default: the package’s examples/)')
    .addOption(new Option('--log-level <level>', 'log level of the components (on stderr)').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('error'))
    .action((flags: DemoFlags) => demo(flags));
}
