/**
 * The Table form kubectl asks for (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`):
 * decided from the Accept header, built from the resource's printer (its CRD's printer
 * columns, or the built-in kind's columns as kubectl shows them on a real cluster).
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../api/meta.js';
import { toTable, type IncludeObject, type Table } from '../table/index.js';
import type { ResourceType } from '../resource-type.js';

export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  // The first acceptable media type wins; kubectl lists the Table forms first.
  const first = accept.split(',')[0] ?? '';
  return /;\s*as=Table/.test(first) && /g=meta\.k8s\.io/.test(first);
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function tableOf(
  resource: ResourceType,
  version: string,
  objects: readonly KubeObject[],
  opts: { includeObject: IncludeObject; listMeta?: Table['metadata']; headers?: boolean },
): Table {
  const printerColumns = resource.crd ? (resource.crd.versions.find((v) => v.name === version)?.additionalPrinterColumns ?? []) : undefined;
  return toTable({
    resource: { group: resource.group, kind: resource.kind, printerColumns },
    objects,
    includeObject: opts.includeObject,
    now: new Date(),
    listMeta: opts.listMeta,
    headers: opts.headers,
  });
}
