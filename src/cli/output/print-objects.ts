/**
 * Objects as text in one of the output formats: a kubectl-style table (NAMESPACE first with
 * `-A`, wide columns with `-o wide`), `kind.group/name` lines, or the objects as JSON or YAML
 * (one object alone, several as a `v1 List`, managedFields left out as kubectl does).
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../api/meta.js';
import type { KindView } from './kind-view.js';
import type { OutputFormat } from './output-format.js';
import { formatTable, type TextTable } from './table-text.js';

export interface PrintOptions {
  format: OutputFormat;
  view: KindView;
  now: Date;
  /** Adds a NAMESPACE column first (`-A`). */
  allNamespaces?: boolean;
  /** One object asked for by name: JSON and YAML print it alone rather than in a List. */
  single?: boolean;
  /** Print the header line (default true). */
  headers?: boolean;
}

/** The headers and rows of the table view: columns of priority 0, all of them for `wide`. */
export function objectTable(objects: readonly KubeObject[], options: Omit<PrintOptions, 'single'>): TextTable {
  const { view, format, now } = options;
  const shown = view.columns.map((c) => format === 'wide' || c.priority === 0);
  const pick = (cells: readonly string[]) => cells.filter((_, i) => shown[i]);
  const ns = options.allNamespaces && view.namespaced;
  return {
    headers: [...(ns ? ['Namespace'] : []), ...pick(view.columns.map((c) => c.header))],
    rows: objects.map((o) => [...(ns ? [o.metadata.namespace ?? ''] : []), ...pick(view.cells(o, now))]),
  };
}

/** The object as kubectl prints it: without managedFields, which only a server-side apply needs. */
export function printable(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function document(objects: readonly KubeObject[], single: boolean | undefined): unknown {
  if (single && objects.length === 1) return printable(objects[0] as KubeObject);
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects.map(printable) };
}

export function printObjects(objects: readonly KubeObject[], options: PrintOptions): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(document(objects, options.single), null, 4)}\n`;
    case 'yaml':
      return stringify(document(objects, options.single));
    case 'name':
      return objects.map((o) => `${options.view.resource}/${o.metadata.name ?? ''}\n`).join('');
    case 'table':
    case 'wide':
      return objects.length ? formatTable(objectTable(objects, options), { headers: options.headers ?? true }) : '';
  }
}

/** kubectl's note for an empty list, for stderr. */
export function noResourcesMessage(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
