import { describe, expect, it } from 'vitest';
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { tokenExpiry } from './token-expiry.js';

const created = '2025-01-01T10:00:00Z';
const at = (iso: string) => Date.parse(iso);
const token = (ttl: string | undefined, creationTimestamp: string | null = created): Pick<ClusterRegistrationToken, 'metadata' | 'spec'> => ({
  metadata: { name: 't', namespace: 'fleet-default', ...(creationTimestamp === null ? {} : { creationTimestamp }) },
  spec: ttl === undefined ? {} : { ttl },
});

const cases = [
  { name: 'a token without ttl never expires', ttl: undefined, now: '2030-01-01T00:00:00Z', kind: 'never', expires: undefined, remainingMs: undefined },
  { name: 'an empty ttl never expires', ttl: '', now: '2030-01-01T00:00:00Z', kind: 'never', expires: undefined, remainingMs: undefined },
  { name: 'a token inside its ttl is valid for the rest of it', ttl: '1h', now: '2025-01-01T10:15:00Z', kind: 'valid', expires: '2025-01-01T11:00:00Z', remainingMs: 45 * 60_000 },
  { name: 'a token is expired at the very instant its ttl ends', ttl: '1h', now: '2025-01-01T11:00:00Z', kind: 'expired', expires: '2025-01-01T11:00:00Z', remainingMs: undefined },
  { name: 'a compound ttl adds its parts', ttl: '1h30m', now: '2025-01-01T10:00:00Z', kind: 'valid', expires: '2025-01-01T11:30:00Z', remainingMs: 90 * 60_000 },
  { name: 'a ttl that is not a duration is invalid', ttl: 'soon', now: created, kind: 'invalid', expires: undefined, remainingMs: undefined },
] as const;

describe('tokenExpiry', () => {
  it.each(cases)('$name', ({ ttl, now, kind, expires, remainingMs }) => {
    const result = tokenExpiry(token(ttl), at(now));
    expect(result.kind).toBe(kind);
    if (result.kind === 'valid' || result.kind === 'expired') expect(result.expires).toBe(expires);
    if (result.kind === 'valid') expect(result.remaining.toMilliseconds()).toBe(remainingMs);
  });

  it('a token without a creation time cannot be judged', () => {
    expect(tokenExpiry(token('1h', null), at(created)).kind).toBe('invalid');
  });
});
