import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './summary.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  const cases = [
    { name: 'p50 of 1..100 is 50, a value that was measured', values: hundred, p: 50, expected: 50 },
    { name: 'p99 of 1..100 is 99', values: hundred, p: 99, expected: 99 },
    { name: 'p99 of ten values is the largest (nearest rank rounds up)', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 99, expected: 10 },
    { name: 'p50 of two values is the lower one', values: [3, 7], p: 50, expected: 3 },
    { name: 'p0 is the smallest', values: [3, 7], p: 0, expected: 3 },
  ];
  it.each(cases)('$name', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('of no values is an error rather than a made-up figure', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
  });
});

describe('summarize', () => {
  it('sorts unsorted timings before taking percentiles', () => {
    expect(summarize([9, 1, 5, 3, 7])).toEqual({ count: 5, p50: 5, p99: 9, max: 9, mean: 5 });
  });
});
