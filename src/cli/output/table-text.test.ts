import { describe, expect, it } from 'vitest';
import { formatLine, formatTable } from './table-text.js';

const cases = [
  {
    name: 'columns are padded to the widest cell plus three spaces and the last is not padded',
    table: { headers: ['Name', 'State', 'Age'], rows: [['web', 'Ready', '5m'], ['platform-namespaces', '', '2d']] },
    want: 'NAME                  STATE   AGE\nweb                   Ready   5m\nplatform-namespaces           2d\n',
  },
  { name: 'a narrow column is still six wide, as kubectl’s tabwriter makes it', table: { headers: ['A', 'B'], rows: [['x', 'y']] }, want: 'A     B\nx     y\n' },
  { name: 'headers are upper-cased, cells are not', table: { headers: ['Bundles-Ready'], rows: [['Web']] }, want: 'BUNDLES-READY\nWeb\n' },
  { name: 'a table without rows is its header alone', table: { headers: ['Name', 'Age'], rows: [] }, want: 'NAME   AGE\n' },
];

describe('formatTable', () => {
  it.each(cases)('$name', ({ table, want }) => {
    expect(formatTable(table)).toBe(want);
  });

  it('a later row wider than its column pushes the rest right by one space rather than merging cells', () => {
    expect(formatLine(['a-very-long-name', 'Ready', '1s'], [7, 8, 3])).toBe('a-very-long-name Ready   1s');
  });
});
