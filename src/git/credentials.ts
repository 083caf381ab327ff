/**
 * Git credentials as plain data. The controller reads them from the Secret named by a
 * GitRepo's `clientSecretName` (a `kubernetes.io/basic-auth` Secret gives username and
 * password; a `token` key gives a bearer token) and passes them in; nothing here reads
 * Kubernetes. For GitHub and GitLab personal access tokens use username + password with the
 * token as password, as those servers expect basic auth for git over HTTPS.
 */

export type GitCredentials = { username: string; password: string } | { token: string };

/** The Authorization header value for these credentials. */
export function authorizationHeader(credentials: GitCredentials): string {
  if ('token' in credentials) return `Bearer ${credentials.token}`;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/**
 * Split credentials written into a URL (`https://user:pass@host/repo`) from the URL, so they
 * travel only in the Authorization header (and never in logs or messages). Explicit
 * credentials win over ones found in the URL.
 */
export function splitUrlCredentials(url: URL, explicit: GitCredentials | undefined): { url: URL; credentials: GitCredentials | undefined } {
  if (!url.username && !url.password) return { url, credentials: explicit };
  const clean = new URL(url.toString());
  const fromUrl = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  clean.username = '';
  clean.password = '';
  return { url: clean, credentials: explicit ?? fromUrl };
}

/** Check credentials handed in from outside (e.g. a Secret's data) have a usable shape. */
export function isGitCredentials(value: unknown): value is GitCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.token === 'string') return record.token.length > 0;
  return typeof record.username === 'string' && typeof record.password === 'string';
}
