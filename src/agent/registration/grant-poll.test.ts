import { describe, expect, it } from 'vitest';
import { grantPollDelay } from './grant-poll.js';

describe('grantPollDelay', () => {
  const cases = [
    { name: 'the first poll waits the initial 200 ms when the spread is centred', attempt: 1, random: 0.5, ms: 200 },
    { name: 'each further poll doubles the wait', attempt: 3, random: 0.5, ms: 800 },
    { name: 'the wait never grows past the 3 s cap', attempt: 40, random: 0.5, ms: 3000 },
    { name: 'the lowest spread shortens the wait by a quarter', attempt: 2, random: 0, ms: 300 },
    { name: 'the highest spread lengthens the capped wait by a quarter', attempt: 10, random: 1, ms: 3750 },
  ];
  it.each(cases)('$name', ({ attempt, random, ms }) => {
    expect(grantPollDelay(attempt, () => random).toMilliseconds()).toBe(ms);
  });
});
