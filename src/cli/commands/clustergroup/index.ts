/**
 * `flotilla clustergroup create|list|show|delete`: named sets of a workspace's Clusters,
 * chosen by a label selector; `show` lists the Clusters the selector matches now.
 */
import { Command } from 'commander';
import type { Cluster } from '../../../api/cluster.js';
import type { ClusterGroup } from '../../../api/cluster-group.js';
import { API_VERSION } from '../../../api/group.js';
import { isDns1123Label } from '../../../api/names.js';
import { processIo, type CliIo } from '../../output/cli-io.js';
import type { DescribeSection } from '../../output/describe-object.js';
import { addPrintOptions, withHub, type Hub, type PrintFlags } from '../../output/hub-connection.js';
import { kindView } from '../../output/kind-view.js';
import { ArgumentError, selectorFromArguments } from '../../output/label-arguments.js';
import { deleteCommand, listCommand, objectError, showCommand } from '../../output/object-commands.js';
import { parseOutputFormat } from '../../output/output-format.js';
import { printObjects } from '../../output/print-objects.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The ClusterGroup to create; no selector is refused rather than silently matching every cluster. */
export function clusterGroupFromFlags(name: string, namespace: string, selectors: readonly string[]): ClusterGroup {
  if (!isDns1123Label(name)) throw new ArgumentError(`clustergroup name "${name}": must be a lowercase DNS label (a-z, 0-9, "-", at most 63 characters)`);
  if (!selectors.length) throw new ArgumentError('--selector: give at least one, e.g. --selector env=prod (use --selector "" to match every cluster)');
  const selector = selectorFromArguments(selectors, '--selector') ?? {};
  return { apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name, namespace }, spec: { selector } };
}

async function groupSections(hub: Hub, group: ClusterGroup): Promise<DescribeSection[]> {
  const selector = group.spec.selector ?? {};
  const { items } = await hub.client.listAll<Cluster>({ apiVersion: API_VERSION, kind: 'Cluster' }, { namespace: group.metadata.namespace, labelSelector: selector });
  return [
    { title: 'Selector', lines: [JSON.stringify(selector)] },
    { title: 'Clusters', table: { headers: ['Name', 'Bundles-Ready', 'State'], rows: items.map((c) => [c.metadata.name ?? '', c.status?.display?.readyBundles ?? '', c.status?.display?.state ?? '']) } },
  ];
}

function createCommand(io: CliIo): Command {
  const command = new Command('create').argument('<name>').description('create a ClusterGroup of the clusters matching a selector').option('--selector <selector>', 'label selector, e.g. env=prod (repeatable; all must match)', collect);
  return addPrintOptions(command, { list: false }).action((name: string, flags: PrintFlags & { selector?: string[] }) =>
    withHub(flags, io, async (hub) => {
      const format = parseOutputFormat(flags.output);
      const view = kindView('ClusterGroup');
      const created = await hub.client.create<ClusterGroup>(clusterGroupFromFlags(name, flags.namespace, flags.selector ?? [])).catch((err: unknown) => {
        throw objectError(err, view, name, flags.namespace);
      });
      if (format === 'table' || format === 'wide') io.stdout(`${view.resource}/${name} created\n`);
      else io.stdout(printObjects([created], { format, view, now: io.now(), single: true }));
    }),
  );
}

export function clusterGroupCommand(io: CliIo = processIo()): Command {
  const view = kindView('ClusterGroup');
  return new Command('clustergroup')
    .alias('clustergroups')
    .description('manage ClusterGroups: clusters of a workspace chosen by labels')
    .addCommand(createCommand(io))
    .addCommand(listCommand(view, io))
    .addCommand(showCommand(view, io, (hub, object) => groupSections(hub, object as ClusterGroup)))
    .addCommand(deleteCommand(view, io));
}
