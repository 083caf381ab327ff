import { describe, expect, it } from 'vitest';
import { Duration } from './duration.js';

describe('Duration.parse', () => {
  const cases = [
    { name: 'seconds read as Fleet writes pollingInterval', text: '15s', ms: 15_000 },
    { name: 'minutes and seconds combine', text: '1m30s', ms: 90_000 },
    { name: 'hours, minutes and seconds combine', text: '1h2m3s', ms: 3_723_000 },
    { name: 'fractions are allowed', text: '1.5s', ms: 1500 },
    { name: 'milliseconds have their own unit', text: '250ms', ms: 250 },
    { name: 'a bare zero is zero', text: '0', ms: 0 },
  ];
  it.each(cases)('$name', ({ text, ms }) => {
    expect(Duration.parse(text).toMilliseconds()).toBe(ms);
  });

  const bad = [
    { name: 'a number without a unit is refused', text: '15' },
    { name: 'an unknown unit is refused', text: '2d' },
    { name: 'a negative duration is refused', text: '-1s' },
    { name: 'trailing text is refused', text: '5s later' },
    { name: 'an empty string is refused', text: '' },
  ];
  it.each(bad)('$name', ({ text }) => {
    expect(() => Duration.parse(text)).toThrow(/invalid duration/);
  });
});

describe('Duration', () => {
  const cases = [
    { name: 'seconds print as Go prints them', d: Duration.seconds(15), text: '15s' },
    { name: 'ninety seconds print as a minute and a half', d: Duration.seconds(90), text: '1m30s' },
    { name: 'an hour prints with zero minutes and seconds', d: Duration.hours(1), text: '1h0m0s' },
    { name: 'sub-second spans print in milliseconds', d: Duration.milliseconds(250), text: '250ms' },
    { name: 'zero prints as 0s', d: Duration.milliseconds(0), text: '0s' },
  ];
  it.each(cases)('$name', ({ d, text }) => {
    expect(d.toString()).toBe(text);
    expect(Duration.parse(text).equals(d)).toBe(true);
  });

  it('compares with any duration-like value', () => {
    const like = { toMilliseconds: () => 2000 };
    expect(Duration.seconds(1).max(like).toMilliseconds()).toBe(2000);
    expect(Duration.seconds(1).min(like).toSeconds()).toBe(1);
  });
});
