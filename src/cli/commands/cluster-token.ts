/**
 * `flotilla cluster token create -n WORKSPACE [--ttl 1h]`: creates a ClusterRegistrationToken,
 * waits for the controller to issue its credential, writes the hub's CA to a file and prints
 * the command that joins a member cluster:
 * `npx flotilla agent --hub URL --token TOKEN --hub-ca FILE`.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { WORKSPACE_DEFAULT } from '../../api/names.js';
import { isNotFound } from '../../kube/api-error.js';
import { systemClock, type Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { loadKubeConfig } from '../../kube/kubeconfig.js';
import { ObjectClient } from '../../kube/object-client.js';

interface TokenCreateFlags {
  namespace: string;
  ttl?: string;
  name?: string;
  kubeconfig?: string;
  context?: string;
  caOut: string;
  hubUrl?: string;
  timeout: string;
}

/** Waits until the controller has issued the token's credential and returns it. */
async function issuedToken(client: ObjectClient, namespace: string, name: string, options: { clock: Clock; timeout: Duration }): Promise<{ token: string; expires?: string }> {
  const deadline = options.clock.now() + options.timeout.toMilliseconds();
  for (;;) {
    const crt = (await client.get<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', namespace, name })) as unknown as ClusterRegistrationToken;
    const secretName = crt.status?.secretName;
    if (secretName) {
      try {
        const secret = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretName });
        const data = (secret.data ?? {}) as Record<string, string | undefined>;
        if (data.token) return { token: Buffer.from(data.token, 'base64').toString('utf8'), ...(crt.status?.expires ? { expires: crt.status.expires } : {}) };
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (options.clock.now() >= deadline) throw new Error(`the controller did not issue a credential for token ${namespace}/${name} within ${options.timeout.toString()}: is \`flotilla controller\` running against this hub?`);
    await options.clock.sleep(Duration.milliseconds(200));
  }
}

async function createToken(flags: TokenCreateFlags): Promise<void> {
  if (flags.ttl) Duration.parse(flags.ttl);
  const { kubeConfig } = loadKubeConfig({ flag: flags.kubeconfig, env: process.env.KUBECONFIG, ...(flags.context ? { context: flags.context } : {}) });
  const cluster = kubeConfig.getCurrentCluster();
  const client = await ObjectClient.create(kubeConfig);
  try {
    const name = flags.name ?? `token-${randomBytes(4).toString('hex')}`;
    await client.create<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', metadata: { name, namespace: flags.namespace }, spec: flags.ttl ? { ttl: flags.ttl } : {} });
    const issued = await issuedToken(client, flags.namespace, name, { clock: systemClock(), timeout: Duration.parse(flags.timeout) });
    const caOut = resolve(flags.caOut);
    const caPem = cluster?.caData ? Buffer.from(cluster.caData, 'base64').toString('utf8') : undefined;
    if (caPem) await writeFile(caOut, caPem, { mode: 0o644 });
    const hub = flags.hubUrl ?? cluster?.server ?? '';
    const expiry = issued.expires ? `expires ${issued.expires}` : 'does not expire';
    process.stdout.write(`ClusterRegistrationToken ${flags.namespace}/${name} created; it ${expiry}.\n`);
    if (caPem) process.stdout.write(`Hub CA written to ${caOut}.\n`);
    process.stdout.write(`Join a member cluster with:\n\n  npx flotilla agent --hub ${hub} --token ${issued.token}${caPem ? ` --hub-ca ${caOut}` : ''} --kubeconfig MEMBER_KUBECONFIG\n`);
  } finally {
    client.close();
  }
}

export function clusterTokenCommand(): Command {
  const create = new Command('create')
    .description('create a registration token and print the command that joins a member cluster')
    .option('-n, --namespace <workspace>', 'workspace the clusters join', WORKSPACE_DEFAULT)
    .option('--ttl <duration>', 'how long the token is valid, e.g. 1h (default: no expiry)')
    .option('--name <name>', 'name of the ClusterRegistrationToken (default: token-<random>)')
    .option('--kubeconfig <file>', 'kubeconfig of the hub (default: KUBECONFIG)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--ca-out <file>', 'where to write the hub CA', 'flotilla-hub-ca.pem')
    .option('--hub-url <url>', 'the hub URL as members reach it (default: the kubeconfig’s server)')
    .option('--timeout <duration>', 'how long to wait for the controller to issue the token', '30s')
    .action((flags: TokenCreateFlags) => createToken(flags));
  return new Command('token').description('registration tokens for member clusters').addCommand(create);
}

/** Adds `token` under the program's `cluster` command, creating that command when no other part of the CLI has. */
export function addClusterTokenCommand(program: Command): void {
  const cluster = program.commands.find((c) => c.name() === 'cluster') ?? program.command('cluster').description('manage member Clusters of a workspace');
  cluster.addCommand(clusterTokenCommand());
}
