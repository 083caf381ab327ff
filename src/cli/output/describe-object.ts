/**
 * `show` in the table format: one object as `kubectl describe` lays it out, its identity and
 * every column of its kind (wide ones included) as `Field: value` lines, its conditions as a
 * table, then any sections the command adds (a Bundle's clusters, a GitRepo's bundles).
 */
import type { Condition, KubeObject } from '../../api/meta.js';
import type { KindView } from './kind-view.js';
import { formatTable, type TextTable } from './table-text.js';

export interface DescribeSection {
  title: string;
  /** A table, or lines of text; an empty table prints `<none>`. */
  table?: TextTable;
  lines?: readonly string[];
}

function labelText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function fieldLines(fields: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...fields.map(([k]) => k.length)) + 2;
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width)}${v || '<none>'}`);
}

function indented(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `  ${line}`);
}

export function conditionsTable(conditions: readonly Condition[] | undefined): TextTable {
  return {
    headers: ['Type', 'Status', 'Reason', 'Message'],
    rows: (conditions ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
  };
}

function sectionLines(section: DescribeSection): string[] {
  if (section.table) return section.table.rows.length ? indented(formatTable(section.table)) : ['  <none>'];
  return section.lines?.length ? section.lines.map((l) => `  ${l}`) : ['  <none>'];
}

export function describeObject(object: KubeObject, view: KindView, now: Date, sections: readonly DescribeSection[] = []): string {
  const cells = view.cells(object, now);
  const columns = view.columns.map((c, i) => [c.header, cells[i] ?? ''] as const).filter(([header]) => header !== 'Name');
  const fields: (readonly [string, string])[] = [
    ['Name', object.metadata.name ?? ''],
    ...(view.namespaced ? [['Namespace', object.metadata.namespace ?? ''] as const] : []),
    ['Labels', labelText(object.metadata.labels)],
    ...columns,
  ];
  const status = object.status as { conditions?: Condition[] } | undefined;
  const all: DescribeSection[] = [{ title: 'Conditions', table: conditionsTable(status?.conditions) }, ...sections];
  const lines = [...fieldLines(fields), ...all.flatMap((s) => [`${s.title}:`, ...sectionLines(s)])];
  return lines.map((line) => `${line}\n`).join('');
}
