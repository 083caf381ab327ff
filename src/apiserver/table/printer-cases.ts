/**
 * The shape of a printer table test: a kind, one object of it, the default and `-o wide`
 * column names, and the cells expected. Shared by the printers' tests, which run each case
 * through `toTable` so the kind's registration is tested with its printer.
 */
import type { KubeObject } from '../../api/meta.js';
import { toTable, type TableResource } from './to-table.js';

/** The clock of every case: objects are created 3m2s before it. */
export const NOW = new Date('2025-01-01T12:00:00Z');
export const CREATED = '2025-01-01T11:56:58Z';

export interface PrinterCase {
  name: string;
  resource: TableResource;
  object: KubeObject;
  columns: string[];
  wide?: string[];
  cells: unknown[];
}

export function makeObject(apiVersion: string, kind: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'team-a', creationTimestamp: CREATED, ...meta }, ...rest };
}

/** What a case's table holds: default and wide column names, and the row's cells. */
export function printed(c: PrinterCase): { columns: string[]; wide: string[]; cells: unknown[]; columnCount: number } {
  const table = toTable({ resource: c.resource, objects: [c.object], now: NOW, includeObject: 'None' });
  return {
    columns: table.columnDefinitions.filter((d) => d.priority === 0).map((d) => d.name),
    wide: table.columnDefinitions.filter((d) => d.priority > 0).map((d) => d.name),
    cells: table.rows[0]?.cells ?? [],
    columnCount: table.columnDefinitions.length,
  };
}
