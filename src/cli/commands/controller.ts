/**
 * `flotilla controller --kubeconfig HUB`: bootstraps the hub and runs the controllers in the
 * foreground until SIGTERM or SIGINT, then stops them cleanly (in-flight syncs finish or are
 * cancelled, watches and the webhook endpoint close) and exits 0. Replicas elect a leader
 * through the Lease flotilla-system/flotilla-controller and only the leader reconciles
 * (`--no-leader-elect` for a single replica); `--metrics-addr` serves Prometheus metrics,
 * /healthz and /readyz (see controller-process.ts).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { loadKubeConfig } from '../../kube/kubeconfig.js';
import { createLogger, type LogLevel } from '../logger.js';
import { defaultHubKubeconfig } from '../output/hub-connection.js';
import { untilSignal } from '../signals.js';
import { startControllerProcess } from './controller-process.js';

interface ControllerFlags {
  kubeconfig?: string;
  context?: string;
  webhookAddr: string;
  cacheDir?: string;
  logLevel: LogLevel;
  metricsAddr?: string;
  leaderElect: boolean;
  leaderElectionId?: string;
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
    .option('--kubeconfig <file>', 'kubeconfig of the hub (default: KUBECONFIG, then ~/.flotilla/hub.kubeconfig)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--webhook-addr <host:port>', 'address of the git webhook endpoint (port 0 picks a free one)', '127.0.0.1:0')
    .option('--cache-dir <dir>', 'directory for git caches (default: a temporary directory)')
    .option('--metrics-addr <host:port>', 'serve Prometheus /metrics, /healthz and /readyz here (port 0 picks a free one)')
    .option('--no-leader-elect', 'run the controllers at once, without competing for the Lease (one replica only)')
    .option('--leader-election-id <identity>', 'this replica’s identity in the Lease (default: hostname and a random suffix)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action(async (flags: ControllerFlags) => {
      const logger = createLogger({ level: flags.logLevel });
      const { kubeConfig, path } = loadKubeConfig({ flag: flags.kubeconfig, env: process.env.KUBECONFIG, defaultPath: defaultHubKubeconfig(homedir()), ...(flags.context ? { context: flags.context } : {}) });
      const cache = await gitCacheDir(flags.cacheDir);
      try {
        const controller = await startControllerProcess({
          kubeConfig,
          logger,
          cacheDir: cache.dir,
          webhookAddress: flags.webhookAddr,
          ...(flags.metricsAddr !== undefined ? { metricsAddress: flags.metricsAddr } : {}),
          leaderElection: { enabled: flags.leaderElect, ...(flags.leaderElectionId ? { identity: flags.leaderElectionId } : {}) },
          onStarted: (running) => process.stdout.write(`flotilla controller running against ${path}; webhook endpoint ${running.webhookUrl}\n`),
        });
        if (controller.opsUrl) process.stdout.write(`flotilla controller ${controller.identity}: metrics on ${controller.opsUrl}/metrics, health on /healthz and /readyz\n`);
        const signal = await untilSignal(['SIGTERM', 'SIGINT']);
        logger.info({ signal }, 'shutting down');
        await controller.stop();
      } finally {
        await cache.dispose();
        logger.flush();
      }
    });
}
