/**
 * Constant-time checks of webhook secrets: an HMAC-SHA256 signature over the raw body
 * (GitHub, Gitea, Bitbucket) or a shared token sent as is (GitLab). Comparing with `===`
 * would let an attacker learn a valid signature byte by byte from response times.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `signatureHex` is the HMAC-SHA256 of `body` under `secret`. */
export function isValidHmacSha256(body: Buffer, secret: string, signatureHex: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const wellFormed = /^[0-9a-f]{64}$/i.test(signatureHex);
  // A malformed signature is still compared (as zeros), so rejecting it takes the same time.
  const given = wellFormed ? Buffer.from(signatureHex, 'hex') : Buffer.alloc(expected.length);
  return timingSafeEqual(expected, given) && wellFormed;
}

/** Whether two tokens are equal, in time independent of where they differ (or of their lengths). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The HMAC-SHA256 signature header value GitHub would send for `body` (for tests and tools). */
export function signHmacSha256(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
