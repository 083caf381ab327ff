/**
 * The list, show and delete subcommands every kind shares, built from its KindView: read
 * from the hub, print in the chosen format, and turn the server's errors into messages that
 * name the object (`GitRepo "web" not found in namespace fleet-default`).
 */
import { Command } from 'commander';
import type { KubeObject } from '../../api/meta.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { CliIo } from './cli-io.js';
import { describeObject, type DescribeSection } from './describe-object.js';
import { addHubOptions, addPrintOptions, withHub, type Hub, type HubFlags, type PrintFlags } from './hub-connection.js';
import type { KindView } from './kind-view.js';
import { parseOutputFormat } from './output-format.js';
import { noResourcesMessage, printObjects } from './print-objects.js';
import { watchObjects } from './watch-objects.js';

/** The server's error about one object, reworded to name it; other errors pass unchanged. */
export function objectError(err: unknown, view: KindView, name: string, namespace: string): unknown {
  const where = view.namespaced ? ` in namespace ${namespace}` : '';
  if (isNotFound(err)) return new Error(`${view.kind} "${name}" not found${where}`, { cause: err });
  if (isAlreadyExists(err)) return new Error(`${view.kind} "${name}" already exists${where}`, { cause: err });
  if (isConflict(err)) return new Error(`${view.kind} "${name}"${where} was changed by someone else meanwhile; nothing was written, run the command again`, { cause: err });
  return err;
}

export async function getObject<T extends KubeObject>(client: ObjectClient, view: KindView, name: string, namespace: string): Promise<T> {
  try {
    return await client.get<T>({ apiVersion: view.apiVersion, kind: view.kind, name, namespace });
  } catch (err) {
    throw objectError(err, view, name, namespace);
  }
}

export async function listObjects(client: ObjectClient, view: KindView, namespace: string | undefined): Promise<KubeObject[]> {
  const { items } = await client.listAll<KubeObject>({ apiVersion: view.apiVersion, kind: view.kind }, namespace ? { namespace } : {});
  return items.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`));
}

async function runList(hub: Hub, view: KindView, flags: PrintFlags, io: CliIo): Promise<void> {
  const format = parseOutputFormat(flags.output);
  const namespace = flags.allNamespaces ? undefined : flags.namespace;
  if (flags.watch) {
    await watchObjects({ client: hub.client, view, ...(namespace ? { namespace } : {}), format, write: io.stdout, now: io.now, signal: io.interrupted() });
    return;
  }
  const objects = await listObjects(hub.client, view, namespace);
  if (!objects.length && (format === 'table' || format === 'wide')) io.stderr(noResourcesMessage(namespace));
  io.stdout(printObjects(objects, { format, view, now: io.now(), allNamespaces: namespace === undefined }));
}

export function listCommand(view: KindView, io: CliIo): Command {
  const command = new Command('list').alias('ls').description(`list ${view.kind}s of a workspace (-A: of all)`);
  return addPrintOptions(command, { list: true }).action((flags: PrintFlags) => withHub(flags, io, (hub) => runList(hub, view, flags, io)));
}

/** Extra sections `show` prints after the object's fields, read from the hub. */
export type ShowSections = (hub: Hub, object: KubeObject, now: Date) => Promise<DescribeSection[]>;

export function showCommand(view: KindView, io: CliIo, sections?: ShowSections): Command {
  const command = new Command('show').alias('get').argument('<name>').description(`show one ${view.kind}, its conditions and what it is made of`);
  return addPrintOptions(command, { list: false }).action((name: string, flags: PrintFlags) =>
    withHub(flags, io, async (hub) => {
      const format = parseOutputFormat(flags.output);
      const object = await getObject(hub.client, view, name, flags.namespace);
      const now = io.now();
      if (format !== 'table' && format !== 'wide') {
        io.stdout(printObjects([object], { format, view, now, single: true }));
        return;
      }
      io.stdout(describeObject(object, view, now, sections ? await sections(hub, object, now) : []));
    }),
  );
}

export function deleteCommand(view: KindView, io: CliIo): Command {
  const command = new Command('delete').alias('rm').argument('<names...>').description(`delete ${view.kind}s by name`);
  return addHubOptions(command).action((names: string[], flags: HubFlags) =>
    withHub(flags, io, async (hub) => {
      for (const name of names) {
        try {
          await hub.client.delete({ apiVersion: view.apiVersion, kind: view.kind, name, namespace: flags.namespace });
        } catch (err) {
          throw objectError(err, view, name, flags.namespace);
        }
        io.stdout(`${view.resource}/${name} deleted\n`);
      }
    }),
  );
}
