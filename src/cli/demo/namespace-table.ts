/**
 * The demo's final table: one row per managed namespace, one column per member cluster,
 * each cell the namespace's state on that member as its ManagedNamespace status reports it
 * (`-` where it is not placed), then the members ready out of those it names.
 */
import type { ManagedNamespace } from '../../api/managed-namespace.js';
import { formatTable } from '../output/table-text.js';

export function namespaceTable(clusters: readonly string[], managedNamespaces: readonly ManagedNamespace[]): string {
  const sorted = [...managedNamespaces].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const rows = sorted.map((mns) => {
    const members = mns.status?.members ?? [];
    const cells = clusters.map((cluster) => members.find((m) => m.clusterName === cluster)?.state ?? '-');
    const ready = members.filter((m) => m.state === 'Placed' || m.state === 'Adopted').length;
    return [mns.metadata.name ?? '', ...cells, `${ready}/${members.length}`];
  });
  return formatTable({ headers: ['managed namespace', ...clusters, 'ready'], rows });
}
