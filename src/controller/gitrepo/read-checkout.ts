/**
 * The git step of a GitRepo sync: read the credentials Secret, fetch the selected commit into
 * the GitRepo's cache directory, and walk the checkout safely. Every failure becomes part of
 * the outcome with the reason src/git gave it (and whether it may pass by itself), never an
 * exception, so the sync still writes a status that says what went wrong. A symlink leaving
 * the checkout is reported as an error on the path that holds it; its target is never read.
 */
import { join } from 'node:path';
import type { GitRepo, GitRepoBundleError } from '../../api/git-repo.js';
import type { SourceFile } from '../../bundle/index.js';
import { CheckoutError } from '../../git/checkout-error.js';
import { fetchRevision, GitSourceError, type Duration as GitDuration, type FetchLimits, type GitCredentials } from '../../git/index.js';
import { defaultWalkLimits, walkCheckout, type SkippedEntry, type WalkLimits } from '../../git/walk-checkout.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { readCredentialRefusal } from './credential-restriction.js';
import { credentialsFromSecret, isProblem, type SecretObject } from './git-credentials.js';
import type { Problem } from './sync-outcome.js';

export interface CheckoutLimits {
  fetch?: FetchLimits;
  walk?: Partial<WalkLimits>;
  /**
   * Deadline of one fetch (and of one poll's ref listing); default src/git's (5 minutes to
   * fetch, 30 s to list refs). A server that answers too slowly then fails with Timeout and
   * is retried, instead of holding a reconcile for as long as it likes.
   */
  timeout?: GitDuration;
}

export interface ReadCheckoutOptions {
  client: ObjectClient;
  gitRepo: GitRepo;
  /** The controller's git cache; each GitRepo gets `<cacheDir>/<namespace>/<name>`. */
  cacheDir: string;
  limits?: CheckoutLimits;
  signal?: AbortSignal;
}

export type CheckoutResult =
  | { kind: 'rejected'; problem: Problem }
  | { kind: 'gitError'; problem: Problem & { retry: boolean } }
  | { kind: 'refused'; commit: string; problem: Problem }
  | { kind: 'files'; commit: string; files: SourceFile[]; errors: GitRepoBundleError[] };

/** The credentials the GitRepo names, undefined when it names none, or why they cannot be used. */
export async function readGitCredentials(client: ObjectClient, gitRepo: GitRepo, signal?: AbortSignal): Promise<GitCredentials | Problem | undefined> {
  const name = gitRepo.spec.clientSecretName;
  if (!name) return undefined;
  // Before the Secret is read: a restricted workspace's credentials never leave for a repository it does not allow.
  const refusal = await readCredentialRefusal(client, gitRepo, name, signal);
  if (refusal) return refusal;
  const namespace = gitRepo.metadata.namespace ?? '';
  try {
    const secret = await client.get<SecretObject>({ apiVersion: 'v1', kind: 'Secret', namespace, name }, { signal });
    return credentialsFromSecret(secret);
  } catch (err) {
    if (isNotFound(err)) return { reason: 'SecretNotFound', message: `clientSecretName: Secret ${namespace}/${name} not found` };
    throw err;
  }
}

/** The GitRepo's `caBundle` (base64 of PEM, as Fleet takes it) as PEM bytes. */
export function caBundleOf(gitRepo: GitRepo): Buffer | undefined {
  return gitRepo.spec.caBundle ? Buffer.from(gitRepo.spec.caBundle, 'base64') : undefined;
}

function symlinkErrors(skipped: readonly SkippedEntry[]): GitRepoBundleError[] {
  return skipped
    .filter((s) => s.reason === 'SymlinkOutsideCheckout')
    .map((s) => ({ path: s.path, file: s.path, message: `${s.path}: symbolic link to "${s.target ?? ''}" points outside the repository; it was not read` }));
}

/**
 * The walk refuses a checkout over its limits anyway; holding the fetch to the same totals
 * refuses it while it is written, before 50,000 files or gigabytes land in the cache.
 * Entries count directories too, hence twice the walk's file count.
 */
function fetchLimits(limits: CheckoutLimits | undefined): { limits: FetchLimits; timeout?: GitDuration } {
  const walk = { ...defaultWalkLimits, ...limits?.walk };
  const defaults: FetchLimits = { maxCheckoutBytes: walk.maxTotalBytes, maxCheckoutEntries: 2 * walk.maxFiles };
  return { limits: { ...defaults, ...limits?.fetch }, ...(limits?.timeout ? { timeout: limits.timeout } : {}) };
}

export async function readCheckout(options: ReadCheckoutOptions): Promise<CheckoutResult> {
  const { client, gitRepo, signal } = options;
  const auth = await readGitCredentials(client, gitRepo, signal);
  if (auth !== undefined && isProblem(auth)) return { kind: 'rejected', problem: auth };
  let fetched: { commit: string; dir: string };
  try {
    fetched = await fetchRevision({
      url: gitRepo.spec.repo,
      branch: gitRepo.spec.branch,
      revision: gitRepo.spec.revision,
      auth,
      caBundle: caBundleOf(gitRepo),
      dir: join(options.cacheDir, gitRepo.metadata.namespace ?? '', gitRepo.metadata.name ?? ''),
      ...fetchLimits(options.limits),
      signal,
    });
  } catch (err) {
    if (!(err instanceof GitSourceError)) throw err;
    return { kind: 'gitError', problem: { reason: err.reason, message: err.message, retry: err.action === 'retry' } };
  }
  try {
    const walked = await walkCheckout({ root: fetched.dir, ...(options.limits?.walk ? { limits: options.limits.walk } : {}), signal });
    const files = walked.files.map((f) => ({ path: f.path, content: f.content }));
    return { kind: 'files', commit: fetched.commit, files, errors: symlinkErrors(walked.skipped) };
  } catch (err) {
    if (!(err instanceof CheckoutError)) throw err;
    return { kind: 'refused', commit: fetched.commit, problem: { reason: err.reason === 'PathEscapes' ? 'PathEscapes' : 'TooLarge', message: err.message } };
  }
}
