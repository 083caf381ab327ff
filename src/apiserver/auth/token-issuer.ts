/**
 * The server's ServiceAccount token issuer: the signing key, issuer name and clock bound
 * together, shared by the Secret-token population and the TokenRequest subresource, with the
 * matching verification settings for the authenticator.
 */
import { keyId, issueServiceAccountToken, type ObjectRef } from './service-account-token.js';
import type { ServiceAccountKeys } from './pki.js';
import type { ServiceAccountVerification } from './tokens.js';

/** The issuer kube-apiserver names by default; also the audience of tokens that ask for none. */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface TokenGrant {
  namespace: string;
  serviceAccount: ObjectRef;
  /** Binds the token to a Secret: deleting it revokes the token. */
  secret?: ObjectRef;
  audiences?: string[];
  /** Absent for Secret tokens, which do not expire. */
  expirationSeconds?: number;
}

export interface TokenIssuer {
  readonly issuer: string;
  readonly audiences: readonly string[];
  issue(grant: TokenGrant): Promise<string>;
  verification(): ServiceAccountVerification;
}

export interface TokenIssuerOptions {
  keys: ServiceAccountKeys;
  issuer?: string;
  /** Milliseconds since the epoch. */
  now: () => number;
}

export async function createTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audiences = [issuer];
  const kid = await keyId(options.keys.publicKey);
  return {
    issuer,
    audiences,
    issue(grant) {
      return issueServiceAccountToken({
        signingKey: options.keys.privateKey,
        keyId: kid,
        issuer,
        namespace: grant.namespace,
        serviceAccount: grant.serviceAccount,
        secret: grant.secret,
        audiences: grant.audiences?.length ? grant.audiences : grant.expirationSeconds === undefined ? undefined : audiences,
        expirationSeconds: grant.expirationSeconds,
        now: options.now(),
      });
    },
    verification: () => ({ publicKey: options.keys.publicKey, issuer, audiences }),
  };
}
