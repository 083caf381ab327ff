/**
 * The flags every everyday command shares (`--kubeconfig`, `--context`, `-n`, and `-A` and
 * `-o` where a command prints objects) and the connection to the hub they lead to: the
 * kubeconfig from the flag, else KUBECONFIG, else the embedded hub's
 * (`~/.flotilla/hub.kubeconfig`, written by `flotilla up`).
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { WORKSPACE_DEFAULT } from '../../api/well-known.js';
import { loadKubeConfig } from '../../kube/kubeconfig.js';
import { ObjectClient } from '../../kube/object-client.js';
import type { CliIo } from './cli-io.js';

export interface HubFlags {
  kubeconfig?: string;
  context?: string;
  namespace: string;
}

export interface PrintFlags extends HubFlags {
  output?: string;
  allNamespaces?: boolean;
  watch?: boolean;
}

export interface Hub {
  client: ObjectClient;
  /** The kubeconfig file read, for messages. */
  kubeconfigPath: string;
  /** The hub's URL, for messages. */
  server: string;
}

/** The embedded hub's kubeconfig below a home directory. */
export function defaultHubKubeconfig(home: string): string {
  return join(home, '.flotilla', 'hub.kubeconfig');
}

export function addHubOptions(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig of the hub (default: KUBECONFIG, then ~/.flotilla/hub.kubeconfig)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <workspace>', 'workspace namespace', WORKSPACE_DEFAULT);
}

export function addPrintOptions(command: Command, options: { list: boolean }): Command {
  addHubOptions(command).option('-o, --output <format>', 'table, wide, json, yaml or name', 'table');
  if (options.list) command.option('-A, --all-namespaces', 'list across all namespaces').option('-w, --watch', 'after listing, print objects as they change');
  return command;
}

export async function connectHub(flags: HubFlags, io: CliIo): Promise<Hub> {
  const { kubeConfig, path } = loadKubeConfig({
    flag: flags.kubeconfig,
    env: io.kubeconfigEnv,
    defaultPath: defaultHubKubeconfig(io.home),
    ...(flags.context ? { context: flags.context } : {}),
  });
  const client = await ObjectClient.create(kubeConfig, { defaultNamespace: flags.namespace });
  return { client, kubeconfigPath: path, server: kubeConfig.getCurrentCluster()?.server ?? '' };
}

/** Runs `work` with a hub connection and closes it afterwards, whatever happens. */
export async function withHub<T>(flags: HubFlags, io: CliIo, work: (hub: Hub) => Promise<T>): Promise<T> {
  const hub = await connectHub(flags, io);
  try {
    return await work(hub);
  } catch (err) {
    throw explainHubError(err, hub);
  } finally {
    hub.client.close();
  }
}

/** A network failure names the hub and the kubeconfig it came from; anything else passes. */
export function explainHubError(err: unknown, hub: Pick<Hub, 'kubeconfigPath' | 'server'>): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(code)) {
    return new Error(`cannot reach the hub at ${hub.server} (kubeconfig ${hub.kubeconfigPath}): ${code}`, { cause: err });
  }
  return err;
}
