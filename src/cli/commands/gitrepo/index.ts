/**
 * `flotilla gitrepo add|list|show|delete`: the GitRepos of a workspace. `add` builds the
 * GitRepo from its flags (checked first, see gitrepo-from-flags.ts) and creates it; `show`
 * adds the Bundles made from it and the paths that failed to render.
 */
import { Command } from 'commander';
import type { Bundle } from '../../../api/bundle.js';
import type { GitRepo } from '../../../api/git-repo.js';
import { LABELS } from '../../../api/well-known.js';
import { processIo, type CliIo } from '../../output/cli-io.js';
import type { DescribeSection } from '../../output/describe-object.js';
import { addPrintOptions, withHub, type Hub, type PrintFlags } from '../../output/hub-connection.js';
import { kindView } from '../../output/kind-view.js';
import { deleteCommand, listCommand, objectError, showCommand } from '../../output/object-commands.js';
import { parseOutputFormat } from '../../output/output-format.js';
import { printObjects } from '../../output/print-objects.js';
import { gitRepoFromFlags, type GitRepoAddFlags } from './gitrepo-from-flags.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function gitRepoSections(hub: Hub, object: GitRepo): Promise<DescribeSection[]> {
  const bundleView = kindView('Bundle');
  const { items } = await hub.client.listAll<Bundle>({ apiVersion: bundleView.apiVersion, kind: 'Bundle' }, { namespace: object.metadata.namespace, labelSelector: `${LABELS.repoName}=${object.metadata.name ?? ''}` });
  const errors = object.status?.bundleErrors ?? [];
  return [
    {
      title: 'Bundles',
      table: { headers: ['Name', 'Ready', 'State'], rows: items.map((b) => [b.metadata.name ?? '', b.status?.display?.readyClusters ?? '', b.status?.display?.state || 'Ready']) },
    },
    ...(errors.length ? [{ title: 'Bundle errors', table: { headers: ['Path', 'File', 'Message'], rows: errors.map((e) => [e.path, e.file ?? '', e.message ?? '']) } }] : []),
  ];
}

function addCommand(io: CliIo): Command {
  const command = new Command('add')
    .argument('<name>')
    .description('create a GitRepo: Flotilla deploys the bundles found in its paths')
    .requiredOption('--repo <url>', 'git repository URL')
    .option('--branch <branch>', 'branch to follow (default: the remote’s default branch)')
    .option('--revision <rev>', 'commit or tag to deploy instead of following a branch')
    .option('--paths <path...>', 'directories to scan for bundles (default: the root)')
    .option('--polling-interval <duration>', 'how often to poll, e.g. 15s or 1m (default 15s)')
    .option('--client-secret-name <secret>', 'Secret with git credentials')
    .option('--target-cluster-selector <selector>', 'deploy to clusters matching this label selector (repeatable; all must match)', collect)
    .option('--paused', 'stage changes without deploying them');
  return addPrintOptions(command, { list: false }).action((name: string, flags: GitRepoAddFlags & PrintFlags) =>
    withHub(flags, io, async (hub) => {
      const format = parseOutputFormat(flags.output);
      const view = kindView('GitRepo');
      const wanted = gitRepoFromFlags(name, flags.namespace, flags);
      const created = await hub.client.create<GitRepo>(wanted).catch((err: unknown) => {
        throw objectError(err, view, name, flags.namespace);
      });
      if (format === 'table' || format === 'wide') io.stdout(`${view.resource}/${name} created\n`);
      else io.stdout(printObjects([created], { format, view, now: io.now(), single: true }));
    }),
  );
}

export function gitRepoCommand(io: CliIo = processIo()): Command {
  const view = kindView('GitRepo');
  return new Command('gitrepo')
    .alias('gitrepos')
    .description('manage GitRepos: git repositories whose bundles Flotilla deploys')
    .addCommand(addCommand(io))
    .addCommand(listCommand(view, io))
    .addCommand(showCommand(view, io, (hub, object) => gitRepoSections(hub, object as GitRepo)))
    .addCommand(deleteCommand(view, io));
}
