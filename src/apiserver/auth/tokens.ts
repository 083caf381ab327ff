/**
 * Bearer-token authentication: the admin token, the static token file and ServiceAccount
 * JWTs, tried in that order. Static tokens are compared as SHA-256 digests in constant time;
 * a ServiceAccount token is good only while its ServiceAccount (and Secret, for Secret
 * tokens) still exist with the uid the token names, so deleting either revokes it at once.
 * Results carry a reason code, never the token.
 */
import { randomBytes, timingSafeEqual, webcrypto } from 'node:crypto';
import { checkTokenLifetime, looksLikeJwt, verifyTokenSignature, type ServiceAccountClaims } from './service-account-token.js';
import type { StaticToken } from './token-file.js';
import { tokenDigest, type TokenDigest } from './token-digest.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import { serviceAccountGroups, serviceAccountUsername, anonymousUser, wellKnown, withAuthenticatedGroup, type UserInfo } from './user-info.js';

type MaybePromise<T> = T | Promise<T>;

/** Reads the server's storage: what currently exists under a namespace and name. */
export interface CredentialLookup {
  serviceAccount(namespace: string, name: string): MaybePromise<{ uid: string } | undefined>;
  secret(namespace: string, name: string): MaybePromise<{ uid: string } | undefined>;
}

export type AuthMethod = 'admin' | 'token-file' | 'service-account';

/** `invalid` covers unknown, malformed and forged tokens alike: the client learns nothing more. */
export type RejectReason = 'invalid' | 'expired' | 'revoked';

export type AuthenticationResult =
  | { outcome: 'authenticated'; user: UserInfo; method: AuthMethod }
  /** No bearer token presented; the server decides whether anonymous requests are served. */
  | { outcome: 'anonymous'; user: UserInfo }
  | { outcome: 'rejected'; reason: RejectReason };

export interface ServiceAccountVerification {
  publicKey: webcrypto.CryptoKey;
  issuer: string;
  audiences: readonly string[];
}

export interface AuthenticatorOptions {
  /** The admin's token; its holder is `kubernetes-admin` in `system:masters`. */
  adminToken?: string;
  staticTokens?: readonly StaticToken[];
  serviceAccounts?: ServiceAccountVerification;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Most verified ServiceAccount tokens remembered (default 10,000, about one per agent). */
  verifiedTokenCacheSize?: number;
}

export interface Authenticator {
  authenticate(bearer: string | undefined, lookup: CredentialLookup): Promise<AuthenticationResult>;
}

/** The identity the admin token stands for, as kind's kubeconfig user. */
export function adminUser(): UserInfo {
  return { username: wellKnown.adminUser, groups: [wellKnown.mastersGroup, wellKnown.authenticatedGroup] };
}

/** A fresh random token (256 bits, base64url), for the admin kubeconfig or a token file. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const parts = (authorization ?? '').trim().split(' ');
  if (parts.length < 2 || parts[0]?.toLowerCase() !== 'bearer') return undefined;
  return parts[1] || undefined;
}

interface DigestEntry {
  digest: Buffer;
  user: UserInfo;
  method: AuthMethod;
}

/** Compares against every entry without stopping early, so timing does not say which matched. */
function findByDigest(entries: readonly DigestEntry[], candidate: Buffer): DigestEntry | undefined {
  let found: DigestEntry | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, candidate) && !found) found = entry;
  }
  return found;
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const entries: DigestEntry[] = [];
  if (options.adminToken) entries.push({ digest: tokenDigest(options.adminToken).bytes, user: adminUser(), method: 'admin' });
  for (const { token, user } of options.staticTokens ?? []) {
    entries.push({ digest: tokenDigest(token).bytes, user: { ...user, groups: withAuthenticatedGroup(user.groups) }, method: 'token-file' });
  }
  const verified = new VerifiedTokenCache({ maxEntries: options.verifiedTokenCacheSize ?? 10_000 });
  return {
    async authenticate(bearer, lookup) {
      if (bearer === undefined || bearer === '') return { outcome: 'anonymous', user: anonymousUser() };
      const digest = tokenDigest(bearer);
      const entry = findByDigest(entries, digest.bytes);
      if (entry) return { outcome: 'authenticated', user: copyUser(entry.user), method: entry.method };
      if (options.serviceAccounts && looksLikeJwt(bearer)) {
        return authenticateServiceAccount({ token: bearer, digest }, { verification: options.serviceAccounts, verified, now: options.now() }, lookup);
      }
      return { outcome: 'rejected', reason: 'invalid' };
    },
  };
}

interface ServiceAccountCheck {
  verification: ServiceAccountVerification;
  verified: VerifiedTokenCache;
  now: number;
}

/** Each request gets its own copy (callers may change it); structuredClone cost more than the check. */
function copyUser(user: UserInfo): UserInfo {
  const copy: UserInfo = { ...user, groups: [...user.groups] };
  if (user.extra) copy.extra = Object.fromEntries(Object.entries(user.extra).map(([k, v]) => [k, [...v]]));
  return copy;
}

interface PresentedToken {
  token: string;
  digest: TokenDigest;
}

async function authenticateServiceAccount(token: PresentedToken, check: ServiceAccountCheck, lookup: CredentialLookup): Promise<AuthenticationResult> {
  const claims = await signedClaims(token, check);
  if (!claims) return { outcome: 'rejected', reason: 'invalid' };
  const lifetime = checkTokenLifetime(claims, check.now);
  if (lifetime) return { outcome: 'rejected', reason: lifetime };
  if (!(await stillExists(claims, lookup))) return { outcome: 'rejected', reason: 'revoked' };
  return { outcome: 'authenticated', user: serviceAccountUser(claims), method: 'service-account' };
}

/** The claims of a token signed by our key for us, verified once per token (see VerifiedTokenCache). */
async function signedClaims({ token, digest }: PresentedToken, check: ServiceAccountCheck): Promise<ServiceAccountClaims | undefined> {
  const known = check.verified.get(digest);
  if (known) return known;
  const signed = await verifyTokenSignature(token, check.verification);
  if (!signed.ok) return undefined;
  check.verified.remember(digest, signed.claims);
  return signed.claims;
}

/** A token outlives nothing it names: a re-created object with the same name has a new uid. */
async function stillExists(claims: ServiceAccountClaims, lookup: CredentialLookup): Promise<boolean> {
  const { namespace, serviceaccount, secret } = claims['kubernetes.io'];
  const sa = await lookup.serviceAccount(namespace, serviceaccount.name);
  if (sa?.uid !== serviceaccount.uid) return false;
  if (!secret) return true;
  const stored = await lookup.secret(namespace, secret.name);
  return stored?.uid === secret.uid;
}

function serviceAccountUser(claims: ServiceAccountClaims): UserInfo {
  const { namespace, serviceaccount } = claims['kubernetes.io'];
  const user: UserInfo = {
    username: serviceAccountUsername(namespace, serviceaccount.name),
    uid: serviceaccount.uid,
    groups: withAuthenticatedGroup(serviceAccountGroups(namespace)),
  };
  if (claims.jti) user.extra = { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] };
  return user;
}
