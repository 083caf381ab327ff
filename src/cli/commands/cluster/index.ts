/**
 * `flotilla cluster list|show|label|delete`: the member Clusters of a workspace. `label`
 * sets (`k=v`) and removes (`k-`) labels, which is what targets and groups select on; `show`
 * adds the BundleDeployments in the cluster's namespace on the hub with their state.
 */
import { Command } from 'commander';
import type { BundleDeployment } from '../../../api/bundle-deployment.js';
import type { Cluster } from '../../../api/cluster.js';
import { LABELS } from '../../../api/well-known.js';
import { processIo, type CliIo } from '../../output/cli-io.js';
import type { DescribeSection } from '../../output/describe-object.js';
import { addHubOptions, withHub, type Hub, type HubFlags } from '../../output/hub-connection.js';
import { kindView } from '../../output/kind-view.js';
import { labelChangesFromArguments, type LabelChanges } from '../../output/label-arguments.js';
import { deleteCommand, getObject, listCommand, objectError, showCommand } from '../../output/object-commands.js';

async function clusterSections(hub: Hub, cluster: Cluster): Promise<DescribeSection[]> {
  const namespace = cluster.status?.namespace;
  const agent: DescribeSection = {
    title: 'Agent',
    lines: cluster.status?.agent ? [`last seen: ${cluster.status.agent.lastSeen ?? 'never'}`, `version:   ${cluster.status.agent.version ?? 'unknown'}`] : ['no agent has reported yet'],
  };
  if (!namespace) return [agent, { title: 'BundleDeployments', lines: ['the controller has not given this cluster a namespace yet'] }];
  const { items } = await hub.client.listAll<BundleDeployment>({ apiVersion: kindView('BundleDeployment').apiVersion, kind: 'BundleDeployment' }, { namespace });
  return [
    agent,
    {
      title: `BundleDeployments (namespace ${namespace})`,
      table: {
        headers: ['Bundle', 'State', 'Message'],
        rows: items.map((bd) => [bd.metadata.labels?.[LABELS.bundleName] ?? bd.metadata.name ?? '', bd.status?.display?.state || (bd.status?.ready ? 'Ready' : 'NotReady'), bd.status?.conditions?.find((c) => c.type === 'Ready')?.message ?? '']),
      },
    },
  ];
}

/** A JSON merge patch that sets and removes the labels (null removes a key). */
export function labelPatch(changes: LabelChanges): { metadata: { labels: Record<string, string | null> } } {
  const labels: Record<string, string | null> = { ...changes.set };
  for (const key of changes.remove) labels[key] = null;
  return { metadata: { labels } };
}

function labelCommand(io: CliIo): Command {
  const view = kindView('Cluster');
  const command = new Command('label').argument('<name>', 'the Cluster').argument('<labels...>', 'key=value to set, key- to remove').description('set or remove labels of a Cluster');
  return addHubOptions(command).action((name: string, args: string[], flags: HubFlags) =>
    withHub(flags, io, async (hub) => {
      const changes = labelChangesFromArguments(args);
      const cluster = await getObject<Cluster>(hub.client, view, name, flags.namespace);
      // The resourceVersion read makes the patch fail rather than overwrite a concurrent change.
      const { metadata } = labelPatch(changes);
      const patch = { metadata: { ...metadata, resourceVersion: cluster.metadata.resourceVersion } };
      await hub.client.patch({ apiVersion: view.apiVersion, kind: view.kind, name, namespace: flags.namespace }, patch, { type: 'merge' }).catch((err: unknown) => {
        throw objectError(err, view, name, flags.namespace);
      });
      io.stdout(`${view.resource}/${name} labeled\n`);
    }),
  );
}

export function clusterCommand(io: CliIo = processIo()): Command {
  const view = kindView('Cluster');
  return new Command('cluster')
    .alias('clusters')
    .description('manage member Clusters of a workspace')
    .addCommand(listCommand(view, io))
    .addCommand(showCommand(view, io, (hub, object) => clusterSections(hub, object as Cluster)))
    .addCommand(labelCommand(io))
    .addCommand(deleteCommand(view, io));
}
