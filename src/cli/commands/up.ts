/**
 * `flotilla up [--data-dir DIR] [--port N]`: an embedded hub for everyday use — the API
 * server persisting in DIR (default ~/.flotilla), every hub controller, and the agent of
 * Cluster `local` — writing DIR/hub.kubeconfig (where every other command looks by default)
 * and printing what to do next. Runs in the foreground; Ctrl-C or SIGTERM stops it cleanly
 * and exits 0.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { systemClock } from '../../kube/clock.js';
import { runUp } from '../demo/run-up.js';
import { createLogger, type LogLevel } from '../logger.js';
import { clientVersion } from './version.js';

interface UpFlags {
  dataDir?: string;
  port: string;
  logLevel: LogLevel;
}

function portNumber(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${text}" is not a port number (0 picks a free one)`);
  return port;
}

async function up(flags: UpFlags): Promise<void> {
  const port = portNumber(flags.port);
  const dataDir = resolve(flags.dataDir ?? join(homedir(), '.flotilla'));
  const logger = createLogger({ level: flags.logLevel });
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    await runUp({ dataDir, port, version: clientVersion(), logger, clock: systemClock(), signal: controller.signal, stdout: process.stdout });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    logger.flush();
  }
}

export function upCommand(): Command {
  return new Command('up')
    .description('run an embedded hub (API server, controllers, the local agent) in the foreground until Ctrl-C')
    .option('--data-dir <dir>', 'where the hub keeps its data and writes hub.kubeconfig (default: ~/.flotilla)')
    .option('--port <n>', 'port of the hub API server on 127.0.0.1 (0 picks a free one)', '0')
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('warn'))
    .action((flags: UpFlags) => up(flags));
}
