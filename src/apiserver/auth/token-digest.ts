/**
 * A bearer token's SHA-256, taken once per request: static tokens are compared with it in
 * constant time and verified ServiceAccount tokens are remembered under it, so neither the
 * comparison nor the cache needs the token itself. Hashing it once for each of them was two
 * hashes of a kilobyte-long JWT on every agent request.
 */
import { createHash } from 'node:crypto';

export interface TokenDigest {
  readonly bytes: Buffer;
  /** The digest as a map key (base64). */
  readonly key: string;
}

export function tokenDigest(token: string): TokenDigest {
  const bytes = createHash('sha256').update(token, 'utf8').digest();
  return { bytes, key: bytes.toString('base64') };
}
