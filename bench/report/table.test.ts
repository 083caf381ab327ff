import { describe, expect, it } from 'vitest';
import { figureRow } from './figures.js';
import { markdownTable, textTable } from './table.js';

const rows = [
  figureRow({ figure: 'durable writes', unit: '/s', better: 'higher', flotilla: 1500, peer: 3000 }),
  figureRow({ figure: 'watch latency p50', unit: 'ms', better: 'lower', flotilla: 2, peer: undefined }),
];
const labels = { peer: 'etcd', ratio: 'ratio (>1: Flotilla better)' };

describe('tables', () => {
  it('the markdown table has a row per figure with its unit, both sides and the ratio', () => {
    expect(markdownTable(rows, labels).split('\n')).toEqual([
      '| figure | Flotilla | etcd | ratio (>1: Flotilla better) |',
      '| --- | ---: | ---: | ---: |',
      '| durable writes (/s) | 1,500 | 3,000 | 0.50× |',
      '| watch latency p50 (ms) | 2 | not measured | not measured |',
    ]);
  });

  it('the text table aligns its columns', () => {
    const lines = textTable(rows, labels).split('\n');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toMatch(/^durable writes \(\/s\)\s+1,500\s+3,000\s+0\.50×$/);
  });
});
