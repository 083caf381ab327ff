/**
 * What a GitRepo's `repo` string points at, and a normal form of it for matching webhook
 * payloads against GitRepos.
 */
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitSourceError, redactUrl } from './git-error.js';

/** A repository reached over smart HTTP(S), or a repository on this machine's disk. */
export type RepoLocation = { kind: 'http'; url: URL } | { kind: 'local'; path: string };

/**
 * Classify a repository address. `http(s)://` goes over the network; `file://` URLs and
 * absolute paths are read from disk (for development). ssh and scp-like addresses are
 * refused with UnsupportedUrl: isomorphic-git speaks only smart HTTP.
 */
export function parseRepoLocation(repo: string): RepoLocation {
  const text = repo.trim();
  if (isAbsolute(text)) return { kind: 'local', path: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new GitSourceError('UnsupportedUrl', `"${redactUrl(text)}" is neither a URL nor an absolute path`, { cause });
  }
  if (url.protocol === 'file:') return { kind: 'local', path: fileURLToPath(url) };
  if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'http', url };
  throw new GitSourceError(
    'UnsupportedUrl',
    `${url.protocol.replace(/:$/, '')} URLs are not supported (${redactUrl(text)}); use https:// with a token or basic auth`,
  );
}

/**
 * A comparable form of a repository address: lower-case `host/path` without scheme, user,
 * port, trailing slash or `.git`, so `https://github.com/Org/App.git`,
 * `git@github.com:org/app` and `ssh://git@github.com:22/org/app.git` all read
 * `github.com/org/app`. Lower-casing and dropping the port can make two distinct
 * repositories compare equal on an unusual server; that only costs a poll of a GitRepo
 * that finds nothing new, whereas a missed match would delay a deployment.
 */
export function normalizeRepoUrl(repo: string): string {
  const text = repo.trim();
  const scpLike = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  let hostAndPath: string;
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    hostAndPath = `${scpLike[1]}/${scpLike[2]}`;
  } else {
    try {
      const url = new URL(text);
      hostAndPath = `${url.hostname}${url.pathname}`;
    } catch {
      hostAndPath = text;
    }
  }
  return hostAndPath
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+/g, '/');
}
