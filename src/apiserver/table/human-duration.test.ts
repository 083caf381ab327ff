import { describe, expect, it } from 'vitest';
import { age, humanDuration } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  const cases = [
    { name: 'more than a second in the future is invalid', ms: -2 * s, out: '<invalid>' },
    { name: 'up to a second in the future reads 0s', ms: -999, out: '0s' },
    { name: 'five seconds read 5s', ms: 5 * s, out: '5s' },
    { name: 'under two minutes stays in seconds', ms: 119 * s, out: '119s' },
    { name: 'two minutes read 2m', ms: 2 * m, out: '2m' },
    { name: 'three minutes two seconds read 3m2s', ms: 3 * m + 2 * s, out: '3m2s' },
    { name: 'from ten minutes the seconds are dropped', ms: 10 * m + 30 * s, out: '10m' },
    { name: 'under three hours stays in minutes', ms: 179 * m, out: '179m' },
    { name: 'three hours five minutes read 3h5m', ms: 3 * h + 5 * m, out: '3h5m' },
    { name: 'from eight hours the minutes are dropped', ms: 8 * h + 5 * m, out: '8h' },
    { name: 'under two days stays in hours', ms: 47 * h, out: '47h' },
    { name: 'two days three hours read 2d3h', ms: 2 * d + 3 * h, out: '2d3h' },
    { name: 'whole days drop the hours', ms: 3 * d, out: '3d' },
    { name: 'from eight days only days show', ms: 8 * d + 5 * h, out: '8d' },
    { name: 'under two years stays in days', ms: 400 * d, out: '400d' },
    { name: 'two years thirty days read 2y30d', ms: (2 * 365 + 30) * d, out: '2y30d' },
    { name: 'from eight years only years show', ms: (8 * 365 + 30) * d, out: '8y' },
  ];
  it.each(cases)('$name', ({ ms, out }) => {
    expect(humanDuration(ms)).toBe(out);
  });
});

describe('age', () => {
  const now = new Date('2025-01-01T12:00:00Z');
  const cases = [
    { name: 'a timestamp 3m2s ago reads 3m2s', ts: '2025-01-01T11:56:58Z', out: '3m2s' },
    { name: 'no timestamp reads <unknown>', ts: undefined, out: '<unknown>' },
    { name: 'an unparsable timestamp reads <unknown>', ts: 'yesterday-ish', out: '<unknown>' },
  ];
  it.each(cases)('$name', ({ ts, out }) => {
    expect(age(ts, now)).toBe(out);
  });
});
