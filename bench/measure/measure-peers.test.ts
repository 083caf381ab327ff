import { describe, expect, it } from 'vitest';
import { shares, turnOrder } from './measure-peers.js';

describe('shares', () => {
  const cases = [
    { name: 'an even total splits evenly', total: 300, rounds: 3, expected: [100, 100, 100] },
    { name: 'a remainder is spread so the parts add up exactly', total: 10, rounds: 3, expected: [3, 3, 4] },
    { name: 'one round takes everything', total: 5000, rounds: 1, expected: [5000] },
    { name: 'more rounds than items leaves some rounds empty', total: 2, rounds: 4, expected: [0, 1, 0, 1] },
  ];
  it.each(cases)('$name', ({ total, rounds, expected }) => {
    const parts = shares(total, rounds);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('turnOrder', () => {
  const cases = [
    { name: 'the first round goes in the given order', peers: 2, round: 0, expected: [0, 1] },
    { name: 'the second round is reversed, so neither peer always goes first', peers: 2, round: 1, expected: [1, 0] },
    { name: 'the third round goes forward again', peers: 2, round: 2, expected: [0, 1] },
    { name: 'a peer alone always goes first', peers: 1, round: 1, expected: [0] },
  ];
  it.each(cases)('$name', ({ peers, round, expected }) => {
    expect(turnOrder(peers, round)).toEqual(expected);
  });
});
