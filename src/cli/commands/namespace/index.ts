/**
 * `flotilla namespace …`: multi-cluster managed namespaces from the command line, mirroring
 * `az fleet namespace`: create (a whole definition; upsert), update (only the flags given),
 * show (`-o table` lists each member cluster with its state), list, delete, wait, and
 * role-assignment create|delete|list. NAME is positional or `--name`; `-n` is the workspace
 * (default fleet-default); `--kubeconfig` the hub. Bad flag values are refused before
 * anything is written, naming the allowed values; records from git are read-only here.
 */
import { Command } from 'commander';
import { processIo, type CliIo } from '../../output/cli-io.js';
import { describeObject } from '../../output/describe-object.js';
import { withHub, type PrintFlags } from '../../output/hub-connection.js';
import { kindView } from '../../output/kind-view.js';
import { listCommand } from '../../output/object-commands.js';
import { parseOutputFormat } from '../../output/output-format.js';
import { printObjects } from '../../output/print-objects.js';
import { requireManagedNamespace } from './managed-namespace-store.js';
import { namespaceSections } from './namespace-description.js';
import { namedCommand, namespaceRef, type NamedFlags } from './namespace-name.js';
import { roleAssignmentCommand } from './role-assignment-commands.js';
import { parseWaitFlags, waitFor } from './wait-for.js';
import { writeCommands } from './write-commands.js';

function showCommand(io: CliIo): Command {
  const view = kindView('ManagedNamespace');
  return namedCommand('show', 'show a managed namespace: its definition, conditions and each member cluster’s state')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action((positional: string | undefined, flags: NamedFlags & Pick<PrintFlags, 'output'>) => {
      const ref = namespaceRef(positional, flags);
      const format = parseOutputFormat(flags.output);
      return withHub(flags, io, async (hub) => {
        const mns = await requireManagedNamespace(hub.client, ref);
        const now = io.now();
        if (format === 'table' || format === 'wide') io.stdout(describeObject(mns, view, now, namespaceSections(mns)));
        else io.stdout(printObjects([mns], { format, view, now, single: true }));
      });
    });
}

function waitCommand(io: CliIo): Command {
  return namedCommand('wait', 'wait until the namespace is placed on every member, or deleted')
    .requiredOption('--for <state>', 'placed or deleted')
    .option('--timeout <duration>', 'give up after this long', '5m')
    .action((positional: string | undefined, flags: NamedFlags & { for: string; timeout: string }) => {
      const ref = namespaceRef(positional, flags);
      const { target, timeout } = parseWaitFlags(flags);
      return withHub(flags, io, async (hub) => {
        await waitFor(hub.client, ref, { target, timeout, now: io.now, signal: io.interrupted() });
        io.stdout(`managednamespace.flotilla.io/${ref.name} ${target === 'Placed' ? 'placed' : 'deleted'}\n`);
      });
    });
}

export function namespaceCommand(io: CliIo = processIo()): Command {
  const command = new Command('namespace').alias('ns').description('managed namespaces: defined once, placed on member clusters with the same quota, policies and roles');
  for (const sub of writeCommands(io)) command.addCommand(sub);
  command.addCommand(showCommand(io)).addCommand(listCommand(kindView('ManagedNamespace'), io)).addCommand(waitCommand(io)).addCommand(roleAssignmentCommand(io));
  return command;
}

