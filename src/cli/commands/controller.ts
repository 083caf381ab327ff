/**
 * `flotilla controller --kubeconfig HUB`: bootstraps the hub and runs the controllers in the
 * foreground until SIGTERM or SIGINT, then stops them cleanly (in-flight syncs finish or are
 * cancelled, watches and the webhook endpoint close) and exits 0.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { startController } from '../../controller/index.js';
import { loadKubeConfig } from '../../kube/kubeconfig.js';
import { createLogger, type LogLevel } from '../logger.js';
import { untilSignal } from '../signals.js';

interface ControllerFlags {
  kubeconfig?: string;
  context?: string;
  webhookAddr: string;
  cacheDir?: string;
  logLevel: LogLevel;
}

/** The git cache: the directory given (kept across restarts), else a temporary one removed on exit. */
async function gitCacheDir(flag: string | undefined): Promise<{ dir: string; dispose: () => Promise<void> }> {
  if (flag) {
    await mkdir(flag, { recursive: true });
    return { dir: flag, dispose: async () => undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-controller-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export function controllerCommand(): Command {
  return new Command('controller')
    .description('run the Flotilla controllers against a hub: GitRepos into Bundles and Contents')
    .option('--kubeconfig <file>', 'kubeconfig of the hub (default: KUBECONFIG)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--webhook-addr <host:port>', 'address of the git webhook endpoint (port 0 picks a free one)', '127.0.0.1:0')
    .option('--cache-dir <dir>', 'directory for git caches (default: a temporary directory)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action(async (flags: ControllerFlags) => {
      const logger = createLogger({ level: flags.logLevel });
      const { kubeConfig, path } = loadKubeConfig({ flag: flags.kubeconfig, env: process.env.KUBECONFIG, ...(flags.context ? { context: flags.context } : {}) });
      const cache = await gitCacheDir(flags.cacheDir);
      try {
        const controller = await startController({ kubeConfig, logger, cacheDir: cache.dir, webhookAddress: flags.webhookAddr });
        process.stdout.write(`flotilla controller running against ${path}; webhook endpoint ${controller.webhookUrl}\n`);
        const signal = await untilSignal(['SIGTERM', 'SIGINT']);
        logger.info({ signal }, 'shutting down');
        await controller.stop();
      } finally {
        await cache.dispose();
        logger.flush();
      }
    });
}
