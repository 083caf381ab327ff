import { describe, expect, it } from 'vitest';
import { Duration } from './duration.js';

describe('Duration.parse', () => {
  const cases = [
    { name: 'seconds are read as Kubernetes writes them', text: '15s', ms: 15_000 },
    { name: 'units combine as in Go', text: '1h2m3s', ms: 3_723_000 },
    { name: 'fractions are allowed', text: '1.5s', ms: 1500 },
    { name: 'milliseconds have their own unit', text: '250ms', ms: 250 },
    { name: 'a bare zero is zero', text: '0', ms: 0 },
    { name: 'surrounding blanks are ignored', text: ' 2m ', ms: 120_000 },
  ];
  it.each(cases)('$name', ({ text, ms }) => {
    expect(Duration.parse(text).toMilliseconds()).toBe(ms);
  });

  const bad = [
    { name: 'a number without unit is refused', text: '15' },
    { name: 'an unknown unit is refused', text: '3d' },
    { name: 'a negative duration is refused', text: '-5s' },
    { name: 'an empty string is refused', text: '' },
    { name: 'trailing garbage is refused', text: '5sx' },
  ];
  it.each(bad)('$name', ({ text }) => {
    expect(() => Duration.parse(text)).toThrow();
  });
});

describe('Duration', () => {
  const cases = [
    { name: 'seconds print as Go prints them', d: Duration.seconds(15), text: '15s' },
    { name: 'minutes and seconds print together', d: Duration.seconds(90), text: '1m30s' },
    { name: 'an hour prints with zero minutes and seconds', d: Duration.hours(1), text: '1h0m0s' },
    { name: 'sub-second durations print in milliseconds', d: Duration.milliseconds(250), text: '250ms' },
    { name: 'zero prints as 0s', d: Duration.milliseconds(0), text: '0s' },
  ];
  it.each(cases)('$name', ({ d, text }) => {
    expect(d.toString()).toBe(text);
    expect(Duration.parse(text).equals(d)).toBe(true);
  });

  it('compares and scales without losing the unit', () => {
    expect(Duration.seconds(15).max(Duration.minutes(1)).toSeconds()).toBe(60);
    expect(Duration.seconds(15).min(Duration.minutes(1)).toSeconds()).toBe(15);
    expect(Duration.seconds(15).times(4).toString()).toBe('1m0s');
    expect(() => Duration.milliseconds(Number.NaN)).toThrow(RangeError);
  });
});
