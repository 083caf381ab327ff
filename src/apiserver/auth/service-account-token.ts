/**
 * ServiceAccount tokens: JWTs signed with the server's service-account key (ES256), with the
 * claims Kubernetes puts in them. TokenRequest tokens carry `exp`; tokens the server writes
 * into `kubernetes.io/service-account-token` Secrets do not, and name their Secret instead.
 */
import { randomUUID, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;

export interface ObjectRef {
  name: string;
  uid: string;
}

/** The private claims under `kubernetes.io`, as kube-apiserver issues them. */
export interface KubernetesClaims {
  namespace: string;
  serviceaccount: ObjectRef;
  secret?: ObjectRef;
}

export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud?: string[];
  iat?: number;
  nbf?: number;
  exp?: number;
  jti?: string;
  'kubernetes.io': KubernetesClaims;
}

export interface IssueOptions {
  signingKey: CryptoKey;
  /** Key id put in the header, so verifiers can pick the key; see keyId(). */
  keyId?: string;
  issuer: string;
  namespace: string;
  serviceAccount: ObjectRef;
  /** A Secret-bound (legacy) token; deleting the Secret revokes it. */
  secret?: ObjectRef;
  audiences?: string[];
  /** Lifetime; absent for Secret tokens, which do not expire. */
  expirationSeconds?: number;
  /** Milliseconds since the epoch. */
  now: number;
}

const algorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;

function base64url(data: Uint8Array | string): string {
  return Buffer.from(data).toString('base64url');
}

export async function issueServiceAccountToken(options: IssueOptions): Promise<string> {
  const seconds = Math.floor(options.now / 1000);
  const claims: ServiceAccountClaims = {
    iss: options.issuer,
    sub: `system:serviceaccount:${options.namespace}:${options.serviceAccount.name}`,
    iat: seconds,
    nbf: seconds,
    jti: randomUUID(),
    'kubernetes.io': { namespace: options.namespace, serviceaccount: { ...options.serviceAccount } },
  };
  if (options.audiences?.length) claims.aud = [...options.audiences];
  if (options.expirationSeconds !== undefined) claims.exp = seconds + options.expirationSeconds;
  if (options.secret) claims['kubernetes.io'].secret = { ...options.secret };
  const header: Record<string, string> = { alg: 'ES256' };
  if (options.keyId) header.kid = options.keyId;
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = await webcrypto.subtle.sign(algorithm, options.signingKey, Buffer.from(signingInput));
  return `${signingInput}.${base64url(new Uint8Array(signature))}`;
}

/** Kubernetes' key id: base64url of the SHA-256 of the DER public key. */
export async function keyId(publicKey: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('spki', publicKey);
  return base64url(new Uint8Array(await webcrypto.subtle.digest('SHA-256', der)));
}

export type JwtCheck = { ok: true; claims: ServiceAccountClaims } | { ok: false; reason: 'invalid' | 'expired' };

export interface VerifyOptions {
  publicKey: CryptoKey;
  issuer: string;
  /** A token with `aud` must name one of these. */
  audiences: readonly string[];
  now: number;
}

/** Clock skew allowed on `exp` and `nbf`, as Kubernetes' JWT validation allows. */
const leewaySeconds = 60;

function checkLifetime(claims: ServiceAccountClaims, now: number): 'invalid' | 'expired' | undefined {
  if (claims.nbf !== undefined && now < claims.nbf - leewaySeconds) return 'invalid';
  if (claims.exp !== undefined && now >= claims.exp + leewaySeconds) return 'expired';
  return undefined;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Whether a bearer string has the shape of a JWT, so other authenticators can skip it. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

export type SignatureCheck = { ok: true; claims: ServiceAccountClaims } | { ok: false; reason: 'invalid' };

/**
 * What never changes for a given token and key: signature, issuer, audience and the shape of
 * the claims. Its result may be remembered per token; the lifetime must still be checked
 * at every use (checkTokenLifetime).
 */
export async function verifyTokenSignature(token: string, options: Omit<VerifyOptions, 'now'>): Promise<SignatureCheck> {
  if (!looksLikeJwt(token)) return { ok: false, reason: 'invalid' };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = token.split('.');
  const header = decodeJson(headerPart) as { alg?: unknown } | undefined;
  // Only the algorithm we sign with: never `none`, never a confusion with another key type.
  if (header?.alg !== 'ES256') return { ok: false, reason: 'invalid' };
  const signature = Buffer.from(signaturePart, 'base64url');
  const valid = await webcrypto.subtle.verify(algorithm, options.publicKey, signature, Buffer.from(`${headerPart}.${payloadPart}`));
  if (!valid) return { ok: false, reason: 'invalid' };
  const claims = decodeJson(payloadPart);
  if (!isServiceAccountClaims(claims) || claims.iss !== options.issuer) return { ok: false, reason: 'invalid' };
  if (claims.aud && !claims.aud.some((a) => options.audiences.includes(a))) return { ok: false, reason: 'invalid' };
  return { ok: true, claims };
}

/** `nbf` and `exp` against the clock (milliseconds since the epoch), with the leeway. */
export function checkTokenLifetime(claims: ServiceAccountClaims, now: number): 'invalid' | 'expired' | undefined {
  return checkLifetime(claims, now / 1000);
}

/** Checks signature, issuer, audience and lifetime. Existence of the objects is the caller's. */
export async function verifyServiceAccountToken(token: string, options: VerifyOptions): Promise<JwtCheck> {
  const signed = await verifyTokenSignature(token, options);
  if (!signed.ok) return signed;
  const lifetime = checkTokenLifetime(signed.claims, options.now);
  if (lifetime) return { ok: false, reason: lifetime };
  return signed;
}

function isObjectRef(value: unknown): value is ObjectRef {
  const ref = value as Partial<ObjectRef> | undefined;
  return typeof ref?.name === 'string' && typeof ref.uid === 'string' && ref.name !== '' && ref.uid !== '';
}

function isOptional(value: unknown, type: 'number' | 'string'): boolean {
  return value === undefined || typeof value === type;
}

function isAudience(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((a) => typeof a === 'string'));
}

function isServiceAccountClaims(value: unknown): value is ServiceAccountClaims {
  const claims = value as Partial<ServiceAccountClaims> | undefined;
  const k8s = claims?.['kubernetes.io'];
  if (typeof claims?.iss !== 'string' || typeof claims.sub !== 'string' || !k8s) return false;
  if (typeof k8s.namespace !== 'string' || !isObjectRef(k8s.serviceaccount)) return false;
  if (k8s.secret !== undefined && !isObjectRef(k8s.secret)) return false;
  if (!isAudience(claims.aud) || !isOptional(claims.exp, 'number') || !isOptional(claims.nbf, 'number')) return false;
  return claims.sub === `system:serviceaccount:${k8s.namespace}:${k8s.serviceaccount.name}`;
}
