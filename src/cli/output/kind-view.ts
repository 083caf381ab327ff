/**
 * How the CLI shows a Flotilla kind: its columns come from the printer columns its CRD
 * declares (src/api), so `flotilla gitrepo list` and `kubectl get gitrepos` show the same
 * table, printed on the client so it works against any hub. Columns of priority above 0
 * appear with `-o wide` only.
 */
import { ALL_KINDS, API_VERSION, GROUP, type FlotillaKind } from '../../api/index.js';
import type { KubeObject } from '../../api/meta.js';
import { crdPrinter, type Cell } from '../../apiserver/table/index.js';

export interface ViewColumn {
  header: string;
  /** 0: always shown; above 0: `-o wide` only. */
  priority: number;
}

export interface KindView {
  kind: FlotillaKind;
  apiVersion: string;
  /** `gitrepo.flotilla.io`, the prefix of `-o name`. */
  resource: string;
  namespaced: boolean;
  columns: readonly ViewColumn[];
  /** One text cell per column, in the order of `columns`. */
  cells(object: KubeObject, now: Date): string[];
}

/** A cell as text: an absent value is an empty cell, as kubectl leaves it. */
export function cellText(cell: Cell): string {
  return cell === null ? '' : String(cell);
}

export function kindView(kind: FlotillaKind): KindView {
  const info = ALL_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`no such kind ${kind}`);
  const version = info.crd.spec.versions[0];
  const printer = crdPrinter(version?.additionalPrinterColumns ?? []);
  // A Cluster's own "Namespace" column (its namespace on the hub) would read as the object's
  // namespace next to -A's NAMESPACE column and describe's Namespace line; say whose it is.
  const header = (name: string) => (name === 'Namespace' ? `${kind}-Namespace` : name);
  const columns = printer.columns.map((column): ViewColumn => ({ header: header(column.name), priority: column.priority }));
  return Object.freeze({
    kind,
    apiVersion: API_VERSION,
    resource: `${kind.toLowerCase()}.${GROUP}`,
    namespaced: info.namespaced,
    columns: Object.freeze(columns),
    cells: (object: KubeObject, now: Date) => printer.cells(object, now).map(cellText),
  });
}
