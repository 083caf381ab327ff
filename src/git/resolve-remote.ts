/**
 * The cheap "has anything changed?" check: which commit a branch, tag or HEAD names on the
 * server right now, found by ref discovery alone (protocol v2 `ls-refs` with a prefix, as
 * `git ls-remote` does), so no pack is downloaded. Local repositories are read from disk.
 */
import git from 'isomorphic-git';
import { splitUrlCredentials, type GitCredentials } from './credentials.js';
import { Duration } from './duration.js';
import { GitSourceError, redactUrl } from './git-error.js';
import { runGitOperation, type GitOperationOptions } from './git-operation.js';
import { createGitHttpClient, type GitHttpClient } from './http-client.js';
import { findLocalGitdir, resolveLocalRevision } from './local-repo.js';
import { parseRepoLocation } from './repo-url.js';
import { planRevision, type RevisionSelector } from './revision.js';

export interface GitRemoteOptions extends RevisionSelector, GitOperationOptions {
  /** `https://…`, `http://…`, `file://…` or an absolute path. */
  url: string;
  auth?: GitCredentials | undefined;
  /** PEM certificates trusted in addition to the system roots. */
  caBundle?: string | Buffer | undefined;
}

/** A commit and the ref that named it (`refs/heads/main`, `refs/tags/v1`, `HEAD`, or the sha itself). */
export interface ResolvedRevision {
  commit: string;
  ref: string;
}

const defaultTimeout = Duration.seconds(30);

/**
 * The commit the selected branch, tag or revision names on the server now. A revision that
 * is a full commit sha is returned as is, without asking the server (a commit never moves);
 * fetchRevision reports it if the server does not have it.
 */
export async function resolveRemote(options: GitRemoteOptions): Promise<string> {
  return (await resolveRemoteRevision(options)).commit;
}

export async function resolveRemoteRevision(options: GitRemoteOptions): Promise<ResolvedRevision> {
  const location = parseRepoLocation(options.url);
  const what = `resolving ${redactUrl(options.url)}`;
  return runGitOperation(what, { ...options, defaultTimeout, abandonOnAbort: true }, async (signal) => {
    if (location.kind === 'local') {
      return resolveLocalRevision(await findLocalGitdir(location.path), options, {});
    }
    const { url, credentials } = splitUrlCredentials(location.url, options.auth);
    const client = createGitHttpClient({ repoUrl: url, credentials, caBundle: options.caBundle, signal });
    try {
      return await resolveHttpRevision(client, url, options);
    } catch (error) {
      throw client.failure ?? error;
    } finally {
      client.close();
    }
  });
}

/** Resolve over HTTP with an existing client (fetchRevision reuses its own). */
export async function resolveHttpRevision(client: GitHttpClient, url: URL, selector: RevisionSelector): Promise<ResolvedRevision> {
  const plan = planRevision(selector);
  if (plan.kind === 'commit') return { commit: plan.commit, ref: plan.commit };
  if (plan.kind === 'head') {
    const head = (await listRefs(client, url, 'HEAD')).find((entry) => entry.ref === 'HEAD');
    if (!head) throw new GitSourceError('RevisionNotFound', `${redactUrl(url.toString())} has no default branch (HEAD)`);
    return { commit: head.peeled ?? head.oid, ref: head.target ?? 'HEAD' };
  }
  for (const ref of plan.candidates) {
    const found = (await listRefs(client, url, ref)).find((entry) => entry.ref === ref);
    if (found) return { commit: found.peeled ?? found.oid, ref };
  }
  throw new GitSourceError('RevisionNotFound', `${plan.description} not found in ${redactUrl(url.toString())}`);
}

function listRefs(client: GitHttpClient, url: URL, prefix: string): ReturnType<typeof git.listServerRefs> {
  return git.listServerRefs({
    http: client,
    url: url.toString(),
    protocolVersion: 2,
    prefix,
    symrefs: prefix === 'HEAD',
    peelTags: true,
  });
}
