/**
 * The `flotilla up` flow: an embedded hub persisting in its data directory with every hub
 * controller, and the agent of Cluster `local` (fleet-local) applying to the logical
 * cluster `local` of the same server; then what to do next, and a clean stop when the
 * signal aborts. A second `up` on the same directory finds everything where it was left.
 */
import type { Logger } from 'pino';
import { LOCAL_CLUSTER_NAME } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import { startEmbeddedHub, type EmbeddedHub } from './embedded-hub.js';
import { startLocalAgent, type LocalAgent } from './local-agent.js';
import type { OutputStream } from './run-demo.js';

export interface UpOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  version: string;
  logger: Logger;
  clock: Clock;
  /** Aborted on Ctrl-C or SIGTERM: the hub stops then. */
  signal: AbortSignal;
  stdout: OutputStream;
}

export function nextSteps(hub: { url: string; kubeconfigFile: string; localKubeconfigFile: string; dataDir: string }): string {
  return [
    `Flotilla hub running at ${hub.url} (data in ${hub.dataDir}); press Ctrl-C to stop it.`,
    '',
    'Next:',
    `  export KUBECONFIG=${hub.kubeconfigFile}`,
    '  kubectl get gitrepos,clusters -A',
    '  npx flotilla gitrepo add my-apps --repo https://github.com/OWNER/REPO --branch main --target-cluster-selector name=local -n fleet-local',
    '  npx flotilla status',
    '',
    `What Cluster local deploys lands in its own logical cluster: kubectl --kubeconfig ${hub.localKubeconfigFile} get namespaces`,
    '',
  ].join('\n');
}

async function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export async function runUp(options: UpOptions): Promise<void> {
  let hub: EmbeddedHub | undefined;
  let agent: LocalAgent | undefined;
  try {
    hub = await startEmbeddedHub({ dataDir: options.dataDir, port: options.port, logger: options.logger, memberClusters: [LOCAL_CLUSTER_NAME] });
    agent = await startLocalAgent({ hub, version: options.version, clock: options.clock, logger: options.logger });
    const localKubeconfigFile = await hub.writeMemberKubeconfig(LOCAL_CLUSTER_NAME);
    options.stdout.write(nextSteps({ url: hub.server.url, kubeconfigFile: hub.kubeconfigFile, localKubeconfigFile, dataDir: options.dataDir }));
    await untilAborted(options.signal);
    options.logger.info('stopping the hub');
  } finally {
    await agent?.stop();
    await hub?.stop();
  }
}
