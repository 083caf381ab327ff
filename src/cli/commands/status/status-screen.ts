/**
 * `flotilla status` on one screen: a table per kind (GitRepos, Bundles, Clusters, managed
 * namespaces) in each kind's usual columns, then what is not ready and why. Pure: the
 * objects in, the text (or, for -o json|yaml, a summary document) out.
 */
import type { FlotillaKind } from '../../../api/index.js';
import type { KubeObject } from '../../../api/meta.js';
import { kindView } from '../../output/kind-view.js';
import { objectTable } from '../../output/print-objects.js';
import { formatTable } from '../../output/table-text.js';
import { notReady, type NotReady } from './not-ready.js';

export const STATUS_KINDS = [
  { kind: 'GitRepo', title: 'GitRepos', key: 'gitRepos' },
  { kind: 'Bundle', title: 'Bundles', key: 'bundles' },
  { kind: 'Cluster', title: 'Clusters', key: 'clusters' },
  { kind: 'ManagedNamespace', title: 'Managed namespaces', key: 'managedNamespaces' },
] as const satisfies readonly { kind: FlotillaKind; title: string; key: string }[];

export type StatusObjects = Record<(typeof STATUS_KINDS)[number]['key'], readonly KubeObject[]>;

export interface StatusInput {
  objects: StatusObjects;
  /** The workspace shown, or undefined for all of them. */
  namespace: string | undefined;
  server: string;
  now: Date;
}

export interface StatusSummary {
  server: string;
  namespace: string;
  counts: Record<string, { total: number; notReady: number }>;
  notReady: NotReady[];
}

function allNotReady(objects: StatusObjects): NotReady[] {
  return STATUS_KINDS.flatMap(({ key }) => objects[key].flatMap(notReady));
}

export function statusSummary(input: StatusInput): StatusSummary {
  const counts: StatusSummary['counts'] = {};
  for (const { key } of STATUS_KINDS) {
    const list = input.objects[key];
    counts[key] = { total: list.length, notReady: list.filter((o) => notReady(o).length > 0).length };
  }
  return { server: input.server, namespace: input.namespace ?? '', counts, notReady: allNotReady(input.objects) };
}

function section(title: string, kind: FlotillaKind, objects: readonly KubeObject[], input: StatusInput): string {
  const heading = `${title.toUpperCase()} (${objects.length})\n`;
  if (!objects.length) return `${heading}  none\n`;
  const table = objectTable(objects, { format: 'table', view: kindView(kind), now: input.now, allNamespaces: input.namespace === undefined });
  return heading + formatTable(table);
}

function problemsSection(problems: readonly NotReady[]): string {
  if (!problems.length) return 'Everything is ready.\n';
  const rows = problems.map((p) => [p.kind, p.namespace ? `${p.namespace}/${p.name}` : p.name, p.reason]);
  return `NOT READY (${problems.length})\n${formatTable({ headers: ['Kind', 'Name', 'Why'], rows })}`;
}

export function statusScreen(input: StatusInput): string {
  const where = input.namespace ? `workspace ${input.namespace}` : 'all workspaces';
  const parts = [`Hub ${input.server}, ${where}\n`, ...STATUS_KINDS.map(({ kind, title, key }) => section(title, kind, input.objects[key], input)), problemsSection(allNotReady(input.objects))];
  return parts.join('\n');
}
