/**
 * Git credentials from the Secret a GitRepo's `clientSecretName` names, in the GitRepo's
 * namespace: a `kubernetes.io/basic-auth` Secret (or any Secret with `username` and
 * `password`) gives basic auth, a `token` key a bearer token. The decision is pure
 * (`credentialsFromSecret`); reading the Secret is the caller's.
 */
import type { KubeObject } from '../../api/meta.js';
import type { GitCredentials } from '../../git/index.js';
import type { Problem } from './sync-outcome.js';

export interface SecretObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

function decoded(secret: SecretObject, key: string): string | undefined {
  const value = secret.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

/** The credentials a Secret holds, or the problem that makes it unusable (naming the Secret). */
export function credentialsFromSecret(secret: SecretObject): GitCredentials | Problem {
  const where = `Secret ${secret.metadata.namespace ?? ''}/${secret.metadata.name ?? ''}`;
  const token = decoded(secret, 'token');
  if (token) return { token };
  const username = decoded(secret, 'username');
  const password = decoded(secret, 'password');
  if (username !== undefined && password !== undefined) return { username, password };
  if (secret.type === 'kubernetes.io/ssh-auth' || decoded(secret, 'ssh-privatekey') !== undefined) {
    return { reason: 'SecretInvalid', message: `clientSecretName: ${where} holds an SSH key; Flotilla supports git over HTTP(S) with basic auth or a token only` };
  }
  return { reason: 'SecretInvalid', message: `clientSecretName: ${where} has neither "username" and "password" nor "token"` };
}

export function isProblem(value: GitCredentials | Problem): value is Problem {
  return 'reason' in value && 'message' in value;
}
