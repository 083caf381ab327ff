/**
 * `flotilla namespace create|update|delete`. Every flag is checked, and the resulting
 * definition validated as the controller will, before anything is written; a record that
 * came from git is refused. Output is kubectl's (`managednamespace.flotilla.io/NAME created`).
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../../output/cli-io.js';
import { withHub } from '../../output/hub-connection.js';
import { definitionChanges, type DefinitionFlags } from './namespace-flags.js';
import { namedCommand, namespaceRef, type NamedFlags } from './namespace-name.js';
import { checkDefinition, createSpec, updateSpec } from './namespace-spec.js';
import { MANAGED_NAMESPACE_RESOURCE, findManagedNamespace, refuseGitRecord, requireManagedNamespace, retryOnConflict, writeSpec } from './managed-namespace-store.js';

type WriteFlags = NamedFlags & DefinitionFlags;

function addDefinitionOptions(command: Command): Command {
  return command
    .addOption(new Option('--labels <key=value...>', 'labels of the namespace (space-separated)'))
    .addOption(new Option('--annotations <key=value...>', 'annotations of the namespace (space-separated)'))
    .option('--cpu-requests <quantity>', 'requests.cpu of its ResourceQuota, e.g. 500m')
    .option('--cpu-limits <quantity>', 'limits.cpu of its ResourceQuota, e.g. 1')
    .option('--memory-requests <quantity>', 'requests.memory of its ResourceQuota, e.g. 512Mi')
    .option('--memory-limits <quantity>', 'limits.memory of its ResourceQuota, e.g. 1Gi')
    .option('--ingress-policy <policy>', 'incoming traffic: allowAll, allowSameNamespace or denyAll')
    .option('--egress-policy <policy>', 'outgoing traffic: allowAll, allowSameNamespace or denyAll')
    .option('--adoption-policy <policy>', 'an existing namespace on a member: never, ifIdentical or always (default never)')
    .option('--delete-policy <policy>', 'when removed from a member: keep or delete (default keep)')
    .addOption(new Option('--member-cluster-names <cluster...>', 'member clusters to place it on (space-separated); none: the hub only'));
}

function createCommand(io: CliIo): Command {
  const command = namedCommand('create', 'define a managed namespace; on an existing name, replace its whole definition (flags left out go back to their defaults)');
  return addDefinitionOptions(command).action((positional: string | undefined, flags: WriteFlags) => {
    const ref = namespaceRef(positional, flags);
    const changes = definitionChanges(flags);
    checkDefinition(ref.name, createSpec(changes, undefined));
    return withHub(flags, io, async (hub) => {
      const outcome = await retryOnConflict(async () => {
        const stored = await findManagedNamespace(hub.client, ref);
        refuseGitRecord(stored);
        return writeSpec(hub.client, ref, createSpec(changes, stored?.spec), stored);
      });
      io.stdout(`${MANAGED_NAMESPACE_RESOURCE}/${ref.name} ${outcome}\n`);
    });
  });
}

function updateCommand(io: CliIo): Command {
  const command = namedCommand('update', 'change only the settings given; a member list given replaces the old one');
  return addDefinitionOptions(command).action((positional: string | undefined, flags: WriteFlags) => {
    const ref = namespaceRef(positional, flags);
    const changes = definitionChanges(flags);
    return withHub(flags, io, async (hub) => {
      const outcome = await retryOnConflict(async () => {
        const stored = await requireManagedNamespace(hub.client, ref);
        refuseGitRecord(stored);
        const spec = updateSpec(stored.spec, changes);
        checkDefinition(ref.name, spec);
        return writeSpec(hub.client, ref, spec, stored);
      });
      io.stdout(`${MANAGED_NAMESPACE_RESOURCE}/${ref.name} ${outcome}\n`);
    });
  });
}

function deleteCommand(io: CliIo): Command {
  return namedCommand('delete', 'delete a managed namespace; each member then applies its delete policy').action((positional: string | undefined, flags: NamedFlags) => {
    const ref = namespaceRef(positional, flags);
    return withHub(flags, io, async (hub) => {
      refuseGitRecord(await requireManagedNamespace(hub.client, ref));
      await hub.client.delete({ apiVersion: 'flotilla.io/v1alpha1', kind: 'ManagedNamespace', name: ref.name, namespace: ref.workspace });
      io.stdout(`${MANAGED_NAMESPACE_RESOURCE}/${ref.name} deleted\n`);
    });
  });
}

export function writeCommands(io: CliIo): Command[] {
  return [createCommand(io), updateCommand(io), deleteCommand(io)];
}
