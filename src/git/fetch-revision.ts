/**
 * Fetch the selected commit of a repository and check it out, reusing a cache directory
 * per repository across calls. Layout of `dir` (one per GitRepo, owned by this module):
 *
 *   repo.git/            shallow, single-branch object cache for HTTP repositories
 *   full.git/            full history, only when a revision names a commit no ref points at
 *   checkout-<sha>/      the checked-out tree of a commit (the returned `dir`)
 *   checkout.json        which commit that checkout holds and its size (checkout-record.ts)
 *
 * A fetch of a new commit is incremental on both ends: the server is told the last fetched
 * commit and asked for a thin pack, so it sends about the changed objects only, and the
 * previous checkout is updated in place of a full rewrite (checkout-commit.ts). A later
 * call for a commit already checked out reuses it without any pack request. Calls for one
 * `dir` must not overlap (the controller handles a GitRepo in one worker at a time); calls
 * for different directories may run in parallel.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { checkoutCommit, checkoutPath } from './checkout-commit.js';
import { splitUrlCredentials } from './credentials.js';
import { Duration } from './duration.js';
import { GitSourceError, redactUrl } from './git-error.js';
import { runGitOperation } from './git-operation.js';
import { createGitHttpClient, type GitHttpClient } from './http-client.js';
import { findLocalGitdir, hasCommit, peelToCommit, resolveLocalRevision } from './local-repo.js';
import { parseRepoLocation } from './repo-url.js';
import { existingDir, prepareCache } from './repo-cache.js';
import { resolveHttpRevision, type GitRemoteOptions, type ResolvedRevision } from './resolve-remote.js';

export interface FetchLimits {
  /** Refuse (TooLarge) when the server sends more than this many bytes in one fetch. */
  maxDownloadBytes?: number;
  /** Refuse (TooLarge) a commit whose files add up to more than this many bytes. */
  maxCheckoutBytes?: number;
  /** Refuse (TooLarge) a commit with more than this many files and directories. */
  maxCheckoutEntries?: number;
}

export interface FetchRevisionOptions extends GitRemoteOptions {
  /** Cache directory for this repository; created when missing. */
  dir: string;
  /** History depth of the shallow fetch; default 1 (only the commit itself). */
  depth?: number;
  limits?: FetchLimits;
}

export interface FetchedRevision {
  commit: string;
  /** The ref that named the commit (`refs/heads/main`, `refs/tags/v1`), or the sha itself. */
  ref: string;
  /** The checked-out tree: files only, no `.git`. */
  dir: string;
  /** False when the checkout was already in the cache and nothing was downloaded. */
  fetched: boolean;
  /** HTTP requests made and response bytes received (zero for local repositories), for metrics and benchmarks. */
  transfer: { requests: number; bytesReceived: number };
}

const defaultTimeout = Duration.minutes(5);

export async function fetchRevision(options: FetchRevisionOptions): Promise<FetchedRevision> {
  const location = parseRepoLocation(options.url);
  const what = `fetching ${redactUrl(options.url)}`;
  return runGitOperation(what, { ...options, defaultTimeout }, async (signal) => {
    const cache = {};
    if (location.kind === 'local') {
      const gitdir = await findLocalGitdir(location.path);
      const resolved = await resolveLocalRevision(gitdir, options, cache);
      const local = await checkout(options, { gitdir, resolved, signal, cache, fetched: false });
      return { ...local, transfer: { requests: 0, bytesReceived: 0 } };
    }
    const { url, credentials } = splitUrlCredentials(location.url, options.auth);
    const client = createGitHttpClient({
      repoUrl: url,
      credentials,
      caBundle: options.caBundle,
      signal,
      maxResponseBytes: options.limits?.maxDownloadBytes,
      thinPacks: true,
    });
    try {
      const fetched = await fetchOverHttp(options, { client, url, signal, cache });
      return { ...fetched, transfer: { ...client.stats } };
    } catch (error) {
      throw client.failure ?? error;
    } finally {
      client.close();
    }
  });
}

interface HttpFetch {
  client: GitHttpClient;
  url: URL;
  signal: AbortSignal;
  cache: object;
}

type Checkout = Omit<FetchedRevision, 'transfer'>;

async function fetchOverHttp(options: FetchRevisionOptions, run: HttpFetch): Promise<Checkout> {
  let resolved = await resolveHttpRevision(run.client, run.url, options);
  const ready = await existingDir(checkoutPath(options.dir, resolved.commit));
  if (ready) return { ...resolved, dir: ready, fetched: false };

  let gitdir = await prepareCache(join(options.dir, 'repo.git'), run.url);
  if (resolved.ref !== resolved.commit && (await hasCommit(gitdir, resolved.commit, run.cache))) {
    // Fetched before (a branch switched back): the cache answers without a request, and the
    // `have` of the next fetch moves here. (A new commit whose objects the cache holds is kept
    // from re-sending them by the `have`s fetchRef declares.)
    await git.writeRef({ fs, gitdir, ref: lastFetchedRef, value: resolved.commit, force: true });
  } else if (resolved.ref !== resolved.commit) {
    resolved = { commit: await fetchRef(options, run, gitdir, resolved.ref), ref: resolved.ref };
  } else if (!(await hasCommit(gitdir, resolved.commit, run.cache))) {
    const ref = await refPointingAt(run, resolved.commit);
    if (ref) await fetchRef(options, run, gitdir, ref);
    if (!(await hasCommit(gitdir, resolved.commit, run.cache))) {
      // A commit no branch or tag points at: only a full fetch can bring it.
      gitdir = await prepareCache(join(options.dir, 'full.git'), run.url);
      await git.fetch({ fs, http: run.client, gitdir, remote: 'origin', singleBranch: false, tags: true, cache: run.cache });
    }
    if (!(await hasCommit(gitdir, resolved.commit, run.cache))) {
      throw new GitSourceError('RevisionNotFound', `commit ${resolved.commit} not found in ${redactUrl(run.url.toString())}`);
    }
  }
  return checkout(options, { gitdir, resolved, signal: run.signal, cache: run.cache, fetched: true });
}

/**
 * The cache's record of the commit it last fetched. isomorphic-git offers the commit of the
 * local ref named by `ref` as its only `have`; the remote-tracking ref it writes
 * (`refs/remotes/origin/main`) is not where it looks for `refs/heads/main`, and a tag or
 * another branch has none, so we keep this one ref and name it, whatever is fetched.
 */
const lastFetchedRef = 'refs/flotilla/last-fetched';

/**
 * Shallow-fetch one ref and return the commit it names now: if the ref moved since it was
 * resolved, the newer commit is the one to deploy. The last fetched commit goes along as the
 * `have`, so with a thin pack (see thin-pack.ts) the server sends only what changed since.
 */
async function fetchRef(options: FetchRevisionOptions, run: HttpFetch, gitdir: string, ref: string): Promise<string> {
  run.client.declareHaves(await heldShallowCommits(gitdir, run.cache));
  const result = await git.fetch({
    fs,
    http: run.client,
    gitdir,
    remote: 'origin',
    ref: lastFetchedRef,
    remoteRef: ref,
    singleBranch: true,
    tags: false,
    depth: options.depth ?? 1,
    cache: run.cache,
  });
  if (!result.fetchHead) throw new GitSourceError('RevisionNotFound', `${ref} not found in ${redactUrl(run.url.toString())}`);
  const commit = await peelToCommit(gitdir, result.fetchHead, run.cache);
  await git.writeRef({ fs, gitdir, ref: lastFetchedRef, value: commit, force: true });
  return commit;
}

/**
 * The commits a depth-1 cache holds whole: each fetch leaves its commit as a shallow root.
 * isomorphic-git writes a fetch's `shallow` lines before it has received the pack, so a fetch
 * cut off (git unreachable, the process killed) leaves `shallow` naming a commit the cache
 * does not hold; declared as a `have`, the server would never send it again and every later
 * fetch of it would fail. Such lines are dropped from `shallow` here. A commit that can be
 * read is held whole: a pack becomes readable only once its index is written, after all of it.
 */
async function heldShallowCommits(gitdir: string, cache: object): Promise<string[]> {
  const path = join(gitdir, 'shallow');
  const text = await fs.promises.readFile(path, 'utf8').catch(() => '');
  const listed = text.split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40}$/.test(l));
  const held: string[] = [];
  for (const commit of listed) if (await hasCommit(gitdir, commit, cache)) held.push(commit);
  if (held.length < listed.length) {
    if (held.length === 0) await fs.promises.rm(path, { force: true });
    else await fs.promises.writeFile(path, held.map((c) => `${c}\n`).join(''));
  }
  return held;
}

/** A branch or tag whose tip is `commit`, so a shallow fetch of it brings the commit. */
async function refPointingAt(run: HttpFetch, commit: string): Promise<string | undefined> {
  const refs = await git.listServerRefs({ http: run.client, url: run.url.toString(), protocolVersion: 2, prefix: 'refs/', peelTags: true });
  return refs.find((entry) => (entry.peeled ?? entry.oid) === commit && /^refs\/(heads|tags)\//.test(entry.ref))?.ref;
}

interface CheckoutRun {
  gitdir: string;
  resolved: ResolvedRevision;
  signal: AbortSignal;
  cache: object;
  fetched: boolean;
}

async function checkout(options: FetchRevisionOptions, run: CheckoutRun): Promise<Checkout> {
  const limits = { maxBytes: options.limits?.maxCheckoutBytes, maxEntries: options.limits?.maxCheckoutEntries };
  const dir = await checkoutCommit({ dir: options.dir, gitdir: run.gitdir, commit: run.resolved.commit, limits, signal: run.signal, cache: run.cache });
  return { ...run.resolved, dir, fetched: run.fetched };
}
