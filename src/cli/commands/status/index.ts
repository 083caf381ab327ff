/**
 * `flotilla status`: one screen of a workspace (or, with -A, all of them): its GitRepos,
 * Bundles, Clusters and managed namespaces, and what is not ready and why. -o json|yaml
 * prints the counts and the reasons as a document for scripts.
 */
import { Command } from 'commander';
import { stringify } from 'yaml';
import { API_VERSION } from '../../../api/group.js';
import type { KubeObject } from '../../../api/meta.js';
import { processIo, type CliIo } from '../../output/cli-io.js';
import { addHubOptions, withHub, type PrintFlags } from '../../output/hub-connection.js';
import { parseOutputFormat } from '../../output/output-format.js';
import { STATUS_KINDS, statusScreen, statusSummary, type StatusObjects } from './status-screen.js';

export function statusCommand(io: CliIo = processIo()): Command {
  const command = new Command('status')
    .description('one screen: repos, bundles, clusters, managed namespaces, and what is not ready and why')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .option('-A, --all-namespaces', 'every workspace');
  return addHubOptions(command).action((flags: PrintFlags) =>
    withHub(flags, io, async (hub) => {
      const format = parseOutputFormat(flags.output, ['table', 'json', 'yaml']);
      const namespace = flags.allNamespaces ? undefined : flags.namespace;
      const lists = await Promise.all(STATUS_KINDS.map(({ kind }) => hub.client.listAll<KubeObject>({ apiVersion: API_VERSION, kind }, namespace ? { namespace } : {})));
      const objects = Object.fromEntries(STATUS_KINDS.map(({ key }, i) => [key, lists[i]?.items ?? []])) as unknown as StatusObjects;
      const input = { objects, namespace, server: hub.server, now: io.now() };
      if (format === 'json') io.stdout(`${JSON.stringify(statusSummary(input), null, 4)}\n`);
      else if (format === 'yaml') io.stdout(stringify(statusSummary(input)));
      else io.stdout(statusScreen(input));
    }),
  );
}
