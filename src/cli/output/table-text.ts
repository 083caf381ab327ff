/**
 * Rows of text cells laid out as kubectl lays them out: every column but the last padded to
 * its widest cell plus three spaces (at least six wide), headers in upper case, no borders.
 * `columnWidths` is exposed so a watch can keep printing rows in the columns of its first
 * batch, as `kubectl get -w` does.
 */

const PADDING = 3;
const MIN_WIDTH = 6;

export interface TextTable {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

/** The width of each column (its widest cell plus padding), the last one unpadded. */
export function columnWidths(table: TextTable): number[] {
  return table.headers.map((header, i) => {
    const widest = Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length));
    return i === table.headers.length - 1 ? widest : Math.max(MIN_WIDTH, widest + PADDING);
  });
}

/** One line of cells in the given widths; a cell wider than its column pushes the rest right. */
export function formatLine(cells: readonly string[], widths: readonly number[]): string {
  const last = cells.length - 1;
  return cells
    .map((cell, i) => (i === last ? cell : cell.padEnd(Math.max(widths[i] ?? 0, cell.length + 1))))
    .join('')
    .trimEnd();
}

/** The header line and one line per row, each ending in a newline. */
export function formatTable(table: TextTable, options: { headers?: boolean } = {}): string {
  const widths = columnWidths(table);
  const lines = options.headers === false ? [] : [formatLine(table.headers.map((h) => h.toUpperCase()), widths)];
  for (const row of table.rows) lines.push(formatLine(row, widths));
  return lines.map((line) => `${line}\n`).join('');
}
