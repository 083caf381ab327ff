/**
 * What a registration token says about itself: it is a ServiceAccount JWT, whose claims name
 * the workspace (its namespace) and the token (its ServiceAccount). Read without verifying
 * the signature: the hub verifies it on every request, and the agent only needs to know where
 * to register and which token to name on its ClusterRegistration.
 */
export interface TokenClaims {
  /** The workspace the token registers into. */
  readonly workspace: string;
  /** The ServiceAccount the token belongs to, named like its ClusterRegistrationToken. */
  readonly serviceAccount: string;
}

export class MalformedTokenError extends Error {
  override readonly name = 'MalformedTokenError';
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

export function tokenClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) throw new MalformedTokenError('the registration token is not a JWT (header.payload.signature)');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (err) {
    throw new MalformedTokenError('the registration token’s payload is not JSON', { cause: err });
  }
  const sub = record(claims)?.sub;
  const match = typeof sub === 'string' ? /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub) : null;
  if (!match) throw new MalformedTokenError('the registration token does not belong to a ServiceAccount');
  return { workspace: match[1]!, serviceAccount: match[2]! };
}
