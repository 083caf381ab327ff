/** Renders figure rows as a plain-text table for the terminal and as a markdown table. */
import { formatFigure, formatRatio, type FigureRow } from './figures.js';

export interface TableLabels {
  /** Column heading for the peer, e.g. "etcd". */
  peer: string;
  /** Column heading for the ratio, saying which way is better. */
  ratio: string;
}

function cells(rows: readonly FigureRow[], labels: TableLabels): string[][] {
  const head = ['figure', 'Flotilla', labels.peer, labels.ratio];
  const body = rows.map((row) => [`${row.figure} (${row.unit})`, formatFigure(row.flotilla), formatFigure(row.peer), formatRatio(row.ratio)]);
  return [head, ...body];
}

export function textTable(rows: readonly FigureRow[], labels: TableLabels): string {
  const grid = cells(rows, labels);
  const widths = (grid[0] ?? []).map((_, column) => Math.max(...grid.map((line) => (line[column] ?? '').length)));
  const line = (values: string[]) => values.map((value, column) => (column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0))).join('  ');
  const [head = [], ...body] = grid;
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(rows: readonly FigureRow[], labels: TableLabels): string {
  const [head = [], ...body] = cells(rows, labels);
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  return [line(head), `| --- | ${head.slice(1).map(() => '---:').join(' | ')} |`, ...body.map(line)].join('\n');
}
