import { describe, expect, it } from 'vitest';
import type { ServiceAccountClaims } from './service-account-token.js';
import { tokenDigest } from './token-digest.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const claims = (name: string): ServiceAccountClaims => ({
  iss: 'https://flotilla.test',
  sub: `system:serviceaccount:ns:${name}`,
  'kubernetes.io': { namespace: 'ns', serviceaccount: { name, uid: `${name}-uid` } },
});

interface Case {
  name: string;
  remember: string[];
  read: string;
  expected: string | undefined;
}

const cases: Case[] = [
  { name: 'a remembered token gives back its claims', remember: ['a'], read: 'a', expected: 'a' },
  { name: 'a token never remembered is unknown', remember: ['a'], read: 'b', expected: undefined },
  { name: 'past the limit the oldest token is dropped', remember: ['a', 'b', 'c'], read: 'a', expected: undefined },
  { name: 'past the limit the newest tokens stay', remember: ['a', 'b', 'c'], read: 'c', expected: 'c' },
  { name: 'remembering a token again makes it the newest', remember: ['a', 'b', 'a', 'c'], read: 'a', expected: 'a' },
];

describe('VerifiedTokenCache', () => {
  it.each(cases)('$name', ({ remember, read, expected }) => {
    const cache = new VerifiedTokenCache({ maxEntries: 2 });
    for (const token of remember) cache.remember(tokenDigest(`token-${token}`), claims(token));
    expect(cache.get(tokenDigest(`token-${read}`))?.['kubernetes.io'].serviceaccount.name).toBe(expected);
    expect(cache.size).toBeLessThanOrEqual(2);
  });

  it('claims handed out cannot be changed by one caller for the next', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 2 });
    cache.remember(tokenDigest('token'), claims('a'));
    const held = cache.get(tokenDigest('token'));
    expect(() => {
      (held as ServiceAccountClaims)['kubernetes.io'].namespace = 'kube-system';
    }).toThrow(TypeError);
  });
});
