/**
 * `flotilla namespace role-assignment create|delete|list NAME`: the delegated roles of a
 * managed namespace (`--role reader|writer|admin|cluster-admin` for one `--user` or
 * `--group`, by the name member clusters authenticate them with). A ClusterAdmin
 * assignment is accepted here but refused by the controller unless the workspace allows it.
 */
import { Command } from 'commander';
import type { CliIo } from '../../output/cli-io.js';
import { withHub } from '../../output/hub-connection.js';
import { formatTable } from '../../output/table-text.js';
import { namedCommand, namespaceRef, type NamedFlags } from './namespace-name.js';
import { addRoleAssignment, checkDefinition, removeRoleAssignment, roleSubject } from './namespace-spec.js';
import { MANAGED_NAMESPACE_RESOURCE, refuseGitRecord, requireManagedNamespace, retryOnConflict, writeSpec } from './managed-namespace-store.js';

interface RoleFlags extends NamedFlags {
  role: string;
  user?: string;
  group?: string;
}

function changeCommand(io: CliIo, verb: 'create' | 'delete'): Command {
  const description = verb === 'create' ? 'grant a role in the namespace on every member' : 'take a role back';
  return namedCommand(verb, description)
    .requiredOption('--role <role>', 'reader, writer, admin or cluster-admin')
    .option('--user <name>', 'the user, as member clusters authenticate it')
    .option('--group <name>', 'the group, as member clusters authenticate it')
    .action((positional: string | undefined, flags: RoleFlags) => {
      const ref = namespaceRef(positional, flags);
      const subject = roleSubject(flags);
      return withHub(flags, io, async (hub) => {
        const changed = await retryOnConflict(async () => {
          const stored = await requireManagedNamespace(hub.client, ref);
          refuseGitRecord(stored);
          const next = verb === 'create' ? addRoleAssignment(stored.spec, subject) : removeRoleAssignment(stored.spec, subject);
          if (verb === 'delete' && !next.changed) throw new Error(`ManagedNamespace "${ref.name}" has no ${subject.role} assignment for ${subject.kind} ${subject.name}`);
          checkDefinition(ref.name, next.spec);
          if (next.changed) await writeSpec(hub.client, ref, next.spec, stored);
          return next.changed;
        });
        const what = `${subject.role} for ${subject.kind.toLowerCase()} ${subject.name}`;
        io.stdout(`${MANAGED_NAMESPACE_RESOURCE}/${ref.name} role assignment ${what} ${verb === 'create' ? (changed ? 'created' : 'unchanged') : 'deleted'}\n`);
      });
    });
}

function listRolesCommand(io: CliIo): Command {
  return namedCommand('list', 'list the role assignments of a managed namespace').action((positional: string | undefined, flags: NamedFlags) => {
    const ref = namespaceRef(positional, flags);
    return withHub(flags, io, async (hub) => {
      const stored = await requireManagedNamespace(hub.client, ref);
      const rows = (stored.spec.roleAssignments ?? []).map((a) => [a.role, a.kind, a.name]);
      if (rows.length === 0) io.stderr(`No role assignments on ${ref.name}.\n`);
      else io.stdout(formatTable({ headers: ['Role', 'Kind', 'Name'], rows }));
    });
  });
}

export function roleAssignmentCommand(io: CliIo): Command {
  return new Command('role-assignment').description('delegated roles in a managed namespace').addCommand(changeCommand(io, 'create')).addCommand(changeCommand(io, 'delete')).addCommand(listRolesCommand(io));
}
