import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../api/meta.js';
import { labelSelectorMatches } from './label-selector.js';

const cases: { name: string; selector: LabelSelector; labels?: Record<string, string>; matches: boolean }[] = [
  { name: 'an empty selector matches everything', selector: {}, labels: { a: '1' }, matches: true },
  { name: 'matchLabels needs every pair', selector: { matchLabels: { a: '1', b: '2' } }, labels: { a: '1' }, matches: false },
  { name: 'In matches one of the values', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, labels: { a: '2' }, matches: true },
  { name: 'NotIn matches a missing label', selector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: {}, matches: true },
  { name: 'Exists needs the key', selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, labels: undefined, matches: false },
  { name: 'DoesNotExist refuses the key', selector: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, labels: { a: '' }, matches: false },
];

describe('labelSelectorMatches', () => {
  it.each(cases)('$name', ({ selector, labels, matches }) => {
    expect(labelSelectorMatches(selector, labels)).toBe(matches);
  });
});
