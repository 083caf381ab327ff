/**
 * A printer turns one object into a row: the column definitions of its kind and the cells
 * for one object. Shared helpers here format what several kinds show the same way (names,
 * ages, label selectors), as Kubernetes' server-side printers do.
 */
import type { KubeObject, LabelSelector } from '../../api/meta.js';
import { age } from './human-duration.js';
import type { Cell, TableColumnDefinition } from './table-types.js';

export interface Printer {
  columns: TableColumnDefinition[];
  cells(object: KubeObject, now: Date): Cell[];
}

interface ColumnOptions {
  type?: string;
  format?: string;
  priority?: number;
  description?: string;
}

export function column(name: string, options: ColumnOptions = {}): TableColumnDefinition {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description: options.description ?? '',
    priority: options.priority ?? 0,
  };
}

export const nameColumn = column('Name', { format: 'name', description: 'The name of the object, unique within its namespace (or the cluster, when cluster-scoped).' });
export const ageColumn = column('Age', { description: 'How long ago the object was created (its metadata.creationTimestamp).' });
export const createdAtColumn = column('Created At', { type: 'date', description: 'When the object was created (its metadata.creationTimestamp).' });

export function objectAge(object: KubeObject, now: Date): string {
  return age(object.metadata.creationTimestamp, now);
}

/** The creation time as RFC 3339 in UTC, whole seconds: the CREATED AT cell. */
export function createdAt(object: KubeObject): string {
  const ts = object.metadata.creationTimestamp;
  const ms = ts ? Date.parse(ts) : Number.NaN;
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads a nested field of an object as unknown: `field(obj, 'spec', 'replicas')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function count(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value && typeof value === 'object' ? Object.keys(value).length : 0;
}

/** `k=v,k2=v2`, sorted by key, or `<none>`: Kubernetes' FormatLabels. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const entries = Object.entries(labels as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>';
}

function formatRequirement(r: { key: string; operator: string; values?: string[] }): string {
  const values = [...(r.values ?? [])].sort().join(',');
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    default:
      return `${r.key} ${r.operator} (${values})`;
  }
}

/** A label selector as `kubectl get -o wide` shows it: Kubernetes' FormatLabelSelector. */
export function formatLabelSelector(selector: unknown): string {
  if (!selector || typeof selector !== 'object') return '<none>';
  const s = selector as LabelSelector;
  const parts = [
    ...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s.matchExpressions ?? []).map(formatRequirement),
  ];
  return parts.length ? parts.join(',') : '<none>';
}

/** The containers' names and images of a pod template, joined by commas. */
export function containerNamesAndImages(podSpec: unknown): [string, string] {
  const containers = list(field(podSpec, 'containers'));
  return [containers.map((c) => str(field(c, 'name'))).join(','), containers.map((c) => str(field(c, 'image'))).join(',')];
}
