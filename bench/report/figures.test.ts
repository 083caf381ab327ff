import { describe, expect, it } from 'vitest';
import { figureRow, formatFigure, formatRatio } from './figures.js';

describe('figureRow', () => {
  const cases = [
    { name: 'throughput twice the peer\'s gives 2 (higher is better: Flotilla/peer)', better: 'higher' as const, flotilla: 2000, peer: 1000, ratio: 2 },
    { name: 'throughput half the peer\'s gives 0.5', better: 'higher' as const, flotilla: 500, peer: 1000, ratio: 0.5 },
    { name: 'latency half the peer\'s gives 2 (lower is better: peer/Flotilla)', better: 'lower' as const, flotilla: 1, peer: 2, ratio: 2 },
    { name: 'latency four times the peer\'s gives 0.25', better: 'lower' as const, flotilla: 8, peer: 2, ratio: 0.25 },
    { name: 'a peer that was not measured gives no ratio', better: 'higher' as const, flotilla: 1000, peer: undefined, ratio: null },
    { name: 'a zero denominator gives no ratio rather than infinity', better: 'lower' as const, flotilla: 0, peer: 2, ratio: null },
    { name: 'NaN counts as not measured', better: 'higher' as const, flotilla: Number.NaN, peer: 3, ratio: null },
  ];
  it.each(cases)('$name', ({ better, flotilla, peer, ratio }) => {
    expect(figureRow({ figure: 'f', unit: 'u', better, flotilla, peer }).ratio).toBe(ratio);
  });
});

describe('formatting', () => {
  const cases = [
    { name: 'large figures are rounded and grouped', value: 12345.6, text: '12,346' },
    { name: 'small figures keep three significant digits', value: 1.23456, text: '1.23' },
    { name: 'figures below one keep three significant digits', value: 0.0456789, text: '0.0457' },
    { name: 'a missing figure says so', value: null, text: 'not measured' },
  ];
  it.each(cases)('$name', ({ value, text }) => {
    expect(formatFigure(value)).toBe(text);
  });

  it('ratios show two decimals and a times sign, or say they were not measured', () => {
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatRatio(null)).toBe('not measured');
  });
});
