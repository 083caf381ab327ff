/**
 * `flotilla apiserver`: runs the embedded Kubernetes-compatible API server in the
 * foreground, writes an admin kubeconfig once it listens, and exits 0 on SIGTERM or SIGINT
 * after in-flight writes finish.
 */
import { Command, Option } from 'commander';
import { ApiServer } from '../../apiserver/index.js';
import { createLogger, type LogLevel } from '../logger.js';
import { untilSignal } from '../signals.js';

interface ApiserverFlags {
  dataDir: string;
  host: string;
  port: string;
  kubeconfigOut?: string;
  clusters?: string[];
  insecureHttp?: boolean;
  tokenAuthFile?: string;
  logLevel: LogLevel;
}

export function apiserverCommand(): Command {
  return new Command('apiserver')
    .description('run the embedded Kubernetes-compatible API server')
    .requiredOption('--data-dir <dir>', 'directory holding the durable state')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--kubeconfig-out <file>', 'write an admin kubeconfig here once listening')
    .option('--insecure-http', 'serve plain HTTP instead of HTTPS (kubectl sends no token over it)')
    .option('--token-auth-file <file>', 'static users: CSV lines token,user,uid,"group1,group2" (kube-apiserver format)')
    .option('--clusters <names...>', 'also serve these logical clusters under /clusters/<name>; each gets <kubeconfig-out>-<name>')
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action(async (flags: ApiserverFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${flags.port}" is not a port number`);
      const logger = createLogger({ level: flags.logLevel });
      const server = await ApiServer.start({ dataDir: flags.dataDir, host: flags.host, port, logger, insecureHttp: flags.insecureHttp, tokenAuthFile: flags.tokenAuthFile });
      await server.createClusters(flags.clusters ?? []);
      if (flags.kubeconfigOut) {
        await server.writeKubeconfig(flags.kubeconfigOut);
        for (const name of flags.clusters ?? []) await server.writeKubeconfig(`${flags.kubeconfigOut}-${name}`, name);
      }
      process.stdout.write(`flotilla apiserver listening on ${server.url}\n`);
      const signal = await untilSignal(['SIGTERM', 'SIGINT']);
      logger.info({ signal }, 'shutting down');
      await server.stop();
      logger.flush();
    });
}
