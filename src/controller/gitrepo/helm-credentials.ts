/**
 * Helm repository credentials of a GitRepo: the Secret `helmSecretName` names, in the
 * GitRepo's namespace, with `username` and `password` (as Fleet reads it), scoped by
 * `helmRepoURLRegex` when set. Which request may carry them is src/bundle/helm's
 * chart-credentials rule; this only reads the Secret.
 */
import type { GitRepo } from '../../api/git-repo.js';
import type { CredentialScope } from '../../bundle/index.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { SecretObject } from './git-credentials.js';
import type { Problem } from './sync-outcome.js';

function decoded(secret: SecretObject, key: string): string | undefined {
  const value = secret.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

/** The credentials scope a Secret gives, or why it cannot be used (naming the Secret, never its content). */
export function helmScopeFromSecret(secret: SecretObject | undefined, urlRegex: string | undefined): CredentialScope | Problem {
  const scope: CredentialScope = urlRegex ? { urlRegex } : {};
  if (secret === undefined) return scope;
  const username = decoded(secret, 'username');
  const password = decoded(secret, 'password');
  if (username === undefined || password === undefined) {
    return { reason: 'SecretInvalid', message: `helmSecretName: Secret ${secret.metadata.namespace ?? ''}/${secret.metadata.name ?? ''} has no "username" and "password"` };
  }
  return { ...scope, credentials: { username, password } };
}

/** Reads the GitRepo's Helm credentials; no helmSecretName gives an empty scope. */
export async function readHelmScope(client: ObjectClient, gitRepo: GitRepo, signal?: AbortSignal): Promise<CredentialScope | Problem> {
  const name = gitRepo.spec.helmSecretName;
  const urlRegex = gitRepo.spec.helmRepoURLRegex;
  if (!name) return helmScopeFromSecret(undefined, urlRegex);
  const namespace = gitRepo.metadata.namespace ?? '';
  try {
    const secret = await client.get<SecretObject>({ apiVersion: 'v1', kind: 'Secret', namespace, name }, { signal });
    return helmScopeFromSecret(secret, urlRegex);
  } catch (err) {
    if (isNotFound(err)) return { reason: 'SecretNotFound', message: `helmSecretName: Secret ${namespace}/${name} not found` };
    throw err;
  }
}
