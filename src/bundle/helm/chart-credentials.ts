/**
 * Which request may carry a GitRepo's Helm credentials (`helmSecretName`). Credentials
 * belong to a repository: they are sent to the origin (scheme, host and port) of `helm.repo`
 * and nowhere else — not to a chart archive an index points at on another host, not after a
 * redirect elsewhere. With `helmRepoURLRegex` set (as in Fleet) they are sent only to URLs it
 * matches, and a chart given as a bare URL gets them only then: without a regex there is no
 * repository they could be said to belong to. Pure.
 */
import type { BasicAuth } from './http-fetcher.js';

export interface CredentialScope {
  credentials?: BasicAuth;
  /** GitRepo `helmRepoURLRegex`. */
  urlRegex?: string;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function regexAllows(scope: CredentialScope, url: string): boolean {
  if (!scope.urlRegex) return true;
  try {
    return new RegExp(scope.urlRegex).test(url);
  } catch {
    // An invalid regex allows nothing: failing closed keeps the secret at home.
    return false;
  }
}

/**
 * The credentials to send with a GET of `url`, fetched for a chart whose repository is
 * `repo` (undefined for a chart given as a bare URL).
 */
export function credentialsFor(scope: CredentialScope, url: string, repo: string | undefined): BasicAuth | undefined {
  if (!scope.credentials || !regexAllows(scope, url)) return undefined;
  if (repo === undefined) return scope.urlRegex ? scope.credentials : undefined;
  const origin = originOf(url);
  return origin !== undefined && origin === originOf(repo) ? scope.credentials : undefined;
}
