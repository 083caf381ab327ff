import { describe, expect, it } from 'vitest';
import { MalformedTokenError, tokenClaims } from './token-claims.js';

const jwt = (claims: unknown) => ['{"alg":"ES256"}', JSON.stringify(claims), 'sig'].map((p, i) => (i < 2 ? Buffer.from(p).toString('base64url') : p)).join('.');

const cases = [
  { name: 'a ServiceAccount token names its workspace and token', token: jwt({ sub: 'system:serviceaccount:fleet-default:join-east' }), expected: { workspace: 'fleet-default', serviceAccount: 'join-east' } },
  { name: 'extra claims do not matter', token: jwt({ sub: 'system:serviceaccount:team-a:t1', exp: 1, 'kubernetes.io': {} }), expected: { workspace: 'team-a', serviceAccount: 't1' } },
];

const bad = [
  { name: 'a token that is not a JWT is refused', token: 'abc' },
  { name: 'a user token is refused', token: jwt({ sub: 'alice' }) },
  { name: 'a payload that is not JSON is refused', token: `x.${Buffer.from('nope').toString('base64url')}.y` },
];

describe('tokenClaims', () => {
  it.each(cases)('$name', ({ token, expected }) => {
    expect(tokenClaims(token)).toEqual(expected);
  });

  it.each(bad)('$name', ({ token }) => {
    expect(() => tokenClaims(token)).toThrow(MalformedTokenError);
  });
});
