/**
 * An embedded hub in this process: the API server persisting in `dataDir`, its admin
 * kubeconfig written to `dataDir/hub.kubeconfig`, logical member clusters of the same server
 * (each a complete Kubernetes API under `/clusters/<name>`), and every hub controller.
 * `stop()` stops the controllers, then the server; the data directory stays.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ApiServer } from '../../apiserver/index.js';
import type { Duration as GitDuration } from '../../git/index.js';
import { startHubControllers, type HubControllers } from '../../controller/hub-controllers.js';

export interface EmbeddedHubOptions {
  dataDir: string;
  logger: Logger;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Logical member clusters to create (idempotent; kept across restarts). */
  memberClusters?: readonly string[];
  defaultPollingInterval?: GitDuration;
}

export interface EmbeddedHub {
  readonly server: ApiServer;
  /** `dataDir/hub.kubeconfig`: the hub's admin kubeconfig. */
  readonly kubeconfigFile: string;
  readonly controllers: HubControllers;
  /** A KubeConfig for the hub ('') or one of its logical member clusters. */
  kubeConfig(cluster?: string): KubeConfig;
  /** Writes the admin kubeconfig of a member cluster to `dataDir/<cluster>.kubeconfig`. */
  writeMemberKubeconfig(cluster: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startEmbeddedHub(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const server = await ApiServer.start({ dataDir: join(options.dataDir, 'apiserver'), logger: options.logger.child({ component: 'apiserver' }), port: options.port ?? 0 });
  const kubeConfig = (cluster = '') => {
    const kc = new KubeConfig();
    kc.loadFromString(server.kubeconfig(cluster));
    return kc;
  };
  try {
    for (const name of options.memberClusters ?? []) await server.createCluster(name);
    const kubeconfigFile = join(options.dataDir, 'hub.kubeconfig');
    await server.writeKubeconfig(kubeconfigFile);
    const cacheDir = join(options.dataDir, 'git-cache');
    await mkdir(cacheDir, { recursive: true });
    const controllers = await startHubControllers({
      kubeConfig: kubeConfig(),
      logger: options.logger,
      cacheDir,
      ...(options.defaultPollingInterval ? { defaultPollingInterval: options.defaultPollingInterval } : {}),
    });
    return {
      server,
      kubeconfigFile,
      controllers,
      kubeConfig,
      async writeMemberKubeconfig(cluster) {
        const file = join(options.dataDir, `${cluster}.kubeconfig`);
        await server.writeKubeconfig(file, cluster);
        return file;
      },
      async stop() {
        await controllers.stop();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
