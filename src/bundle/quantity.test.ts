import { describe, expect, it } from 'vitest';
import { InvalidQuantityError, compareQuantities, parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  const values = [
    { name: 'millicores are thousandths', text: '500m', numerator: 1n, denominator: 2n },
    { name: 'a plain integer is itself', text: '2', numerator: 2n, denominator: 1n },
    { name: 'a decimal fraction is exact', text: '1.5', numerator: 3n, denominator: 2n },
    { name: 'binary suffixes are powers of 1024', text: '256Mi', numerator: 256n * 1024n ** 2n, denominator: 1n },
    { name: 'decimal suffixes are powers of 1000', text: '2G', numerator: 2_000_000_000n, denominator: 1n },
    { name: 'an exponent scales by powers of ten', text: '1e3', numerator: 1000n, denominator: 1n },
    { name: 'a negative exponent gives a fraction', text: '5E-1', numerator: 1n, denominator: 2n },
    { name: 'a fraction with a suffix', text: '0.5Gi', numerator: 512n * 1024n ** 2n, denominator: 1n },
    { name: 'nano units', text: '250n', numerator: 1n, denominator: 4_000_000n },
    { name: 'a leading sign is accepted', text: '-1', numerator: -1n, denominator: 1n },
  ];
  it.each(values)('$name ($text)', ({ text, numerator, denominator }) => {
    expect(parseQuantity(text)).toEqual({ text, numerator, denominator });
  });

  const invalid = [
    { name: 'an empty string is refused', text: '' },
    { name: 'a suffix alone is refused', text: 'Mi' },
    { name: 'an unknown suffix is refused', text: '1GB' },
    { name: 'upper-case K is not kilo', text: '1K' },
    { name: 'two decimal points are refused', text: '1.2.3' },
    { name: 'spaces are refused', text: '1 Gi' },
  ];
  it.each(invalid)('$name ($text)', ({ text }) => {
    expect(() => parseQuantity(text)).toThrow(InvalidQuantityError);
  });
});

describe('compareQuantities', () => {
  const cases = [
    { name: 'one core equals 1000m', a: '1', b: '1000m', expected: 0 },
    { name: '1Gi is more than 1G', a: '1Gi', b: '1G', expected: 1 },
    { name: '500m is less than 0.6', a: '500m', b: '0.6', expected: -1 },
    { name: '1024Mi equals 1Gi', a: '1024Mi', b: '1Gi', expected: 0 },
    { name: '1e3 equals 1k', a: '1e3', b: '1k', expected: 0 },
  ];
  it.each(cases)('$name', ({ a, b, expected }) => {
    expect(compareQuantities(parseQuantity(a), parseQuantity(b))).toBe(expected);
  });
});
