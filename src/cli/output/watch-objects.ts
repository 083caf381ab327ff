/**
 * `list -w`: print the list, then one row (or object) per change until the signal aborts, as
 * `kubectl get -w` does. Rows after the first batch keep its column widths so they line up.
 * A watch the server closes is reopened from the last resourceVersion seen; one that expired
 * (410 Gone) starts over with a fresh list, printed again in full.
 */
import type { KubeObject } from '../../api/meta.js';
import { ApiError, isGone } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { KindView } from './kind-view.js';
import type { OutputFormat } from './output-format.js';
import { objectTable, printObjects } from './print-objects.js';
import { columnWidths, formatLine, formatTable } from './table-text.js';

export interface WatchObjectsOptions {
  client: ObjectClient;
  view: KindView;
  /** Omit for all namespaces. */
  namespace?: string;
  format: OutputFormat;
  write(text: string): void;
  now(): Date;
  signal: AbortSignal;
}

/** Prints objects in the chosen format; tables keep the widths of the first batch. */
class WatchPrinter {
  private widths: number[] | undefined;

  constructor(private readonly options: WatchObjectsOptions) {}

  print(objects: readonly KubeObject[]): void {
    const { format, view, namespace } = this.options;
    const tableOptions = { format, view, now: this.options.now(), allNamespaces: namespace === undefined };
    if (format !== 'table' && format !== 'wide') {
      for (const o of objects) this.options.write(format === 'yaml' ? `---\n${printObjects([o], { ...tableOptions, single: true })}` : printObjects([o], { ...tableOptions, single: true }));
      return;
    }
    const table = objectTable(objects, tableOptions);
    if (!this.widths) {
      this.widths = columnWidths(table);
      this.options.write(formatTable(table));
      return;
    }
    for (const row of table.rows) this.options.write(`${formatLine(row, this.widths)}\n`);
  }
}

async function watchFrom(options: WatchObjectsOptions, printer: WatchPrinter, resourceVersion: string): Promise<string> {
  const { client, view, namespace, signal } = options;
  const events = await client.watch<KubeObject>({ apiVersion: view.apiVersion, kind: view.kind }, { ...(namespace ? { namespace } : {}), resourceVersion, allowWatchBookmarks: true, signal });
  let version = resourceVersion;
  for await (const event of events) {
    if (event.type === 'ERROR') throw new ApiError(event.object);
    version = event.object.metadata.resourceVersion ?? version;
    if (event.type !== 'BOOKMARK') printer.print([event.object]);
  }
  return version;
}

export async function watchObjects(options: WatchObjectsOptions): Promise<void> {
  const { client, view, namespace, signal } = options;
  const printer = new WatchPrinter(options);
  const type = { apiVersion: view.apiVersion, kind: view.kind };
  while (!signal.aborted) {
    const list = await client.listAll<KubeObject>(type, { ...(namespace ? { namespace } : {}), signal });
    printer.print(list.items);
    let version = list.resourceVersion;
    try {
      while (!signal.aborted) version = await watchFrom(options, printer, version);
    } catch (err) {
      if (signal.aborted) return;
      if (!isGone(err)) throw err;
    }
  }
}
