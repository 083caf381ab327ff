import { describe, expect, it } from 'vitest';
import { backoffDelay, KeyedBackoff } from './backoff.js';
import { Duration } from './duration.js';

const options = { initial: Duration.milliseconds(100), max: Duration.seconds(1) };

describe('backoffDelay', () => {
  const cases = [
    { name: 'no failure means no delay', failures: 0, ms: 0 },
    { name: 'the first failure waits the initial delay', failures: 1, ms: 100 },
    { name: 'each further failure doubles the delay', failures: 3, ms: 400 },
    { name: 'the delay never passes the cap', failures: 10, ms: 1000 },
    { name: 'a huge failure count stays at the cap instead of overflowing', failures: 5000, ms: 1000 },
  ];
  it.each(cases)('$name', ({ failures, ms }) => {
    expect(backoffDelay(options, failures).toMilliseconds()).toBe(ms);
  });
});

describe('KeyedBackoff', () => {
  it('counts failures per key and starts over once forgotten', () => {
    const b = new KeyedBackoff(options);
    expect([b.next('a'), b.next('a'), b.next('b')].map((d) => d.toMilliseconds())).toEqual([100, 200, 100]);
    b.forget('a');
    expect(b.count('a')).toBe(0);
    expect(b.next('a').toMilliseconds()).toBe(100);
  });
});
