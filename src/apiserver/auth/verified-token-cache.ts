/**
 * Tokens whose signature, issuer and audience were already verified, with their claims, so a
 * client that sends the same ServiceAccount token on every request costs one ECDSA verify
 * instead of one per request (the verify was the largest single cost of a hub request).
 * Only what cannot change for a token under a fixed key is remembered: lifetime and the
 * existence of the ServiceAccount and Secret are still checked at every use, so expiry and
 * revocation take effect exactly as before. Entries are keyed by the token's SHA-256 (the
 * digest the authenticator takes once per request, see tokenDigest), so the cache holds no
 * bearer secret, and the oldest entries are dropped past `maxEntries`.
 */
import type { ServiceAccountClaims } from './service-account-token.js';
import type { TokenDigest } from './token-digest.js';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; a token dropped is simply verified again on its next use. */
  maxEntries: number;
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, ServiceAccountClaims>();

  constructor(private readonly options: VerifiedTokenCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get(digest: TokenDigest): ServiceAccountClaims | undefined {
    return this.entries.get(digest.key);
  }

  /** Remembers a token whose signature verified; the claims are frozen since callers share them. */
  remember(digest: TokenDigest, claims: ServiceAccountClaims): void {
    const key = digest.key;
    this.entries.delete(key);
    this.entries.set(key, deepFreeze(claims));
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
