/**
 * src/git: GitRepo sources. Fetches and polls git repositories with isomorphic-git over
 * HTTP(S) (or from local paths for development), holds the credentials and CA bundles a
 * fetch needs, receives and authenticates webhook push events, and walks a checkout
 * safely (no symlinks out of it, no `..`, size limits). No Kubernetes code lives here: the
 * controller reads Secrets and GitRepo specs and passes plain values in.
 *
 * Entry points: `resolveRemote` (cheap no-change check), `fetchRevision` (fetch + checkout
 * into a per-repository cache), `createGitPoller` (interval, pause, force, backoff),
 * `parseWebhook` (GitHub, GitLab, Gitea, Bitbucket), `walkCheckout` (safe file listing).
 * Every failure is a `GitSourceError` whose `reason` is in `gitErrorCatalog`.
 */
export { CheckoutError, checkoutErrorCatalog, type CheckoutErrorReason } from './checkout-error.js';
export { checkRelativePath, isInside, resolveCheckoutPath } from './checkout-path.js';
export { authorizationHeader, isGitCredentials, type GitCredentials } from './credentials.js';
export { Duration } from './duration.js';
export { fetchRevision, type FetchLimits, type FetchRevisionOptions, type FetchedRevision } from './fetch-revision.js';
export { gitErrorCatalog, GitSourceError, redactUrl, type GitErrorAction, type GitErrorReason } from './git-error.js';
export {
  backoff,
  createGitPoller,
  defaultPollingInterval,
  nextPollIn,
  type Clock,
  type CommitChange,
  type GitPoller,
  type GitPollerOptions,
  type PollFailure,
  type PollSpec,
  type Sleep,
} from './git-poller.js';
export type { GitOperationOptions } from './git-operation.js';
export { normalizeRepoUrl, parseRepoLocation, type RepoLocation } from './repo-url.js';
export { resolveRemote, resolveRemoteRevision, type GitRemoteOptions, type ResolvedRevision } from './resolve-remote.js';
export type { RevisionSelector } from './revision.js';
export {
  gitReposForPush,
  parseWebhook,
  WebhookError,
  type ParseWebhookOptions,
  type PushEvent,
  type RefChange,
  type WebhookErrorReason,
  type WebhookEvent,
  type WebhookProvider,
  type WebhookRequest,
  type WebhookSecrets,
  type WebhookTarget,
} from './webhook.js';
export { signHmacSha256 } from './webhook-signature.js';
export {
  checkCheckoutSize,
  defaultWalkLimits,
  walkCheckout,
  type CheckoutFile,
  type CheckoutSize,
  type SkippedEntry,
  type SkipReason,
  type WalkCheckoutOptions,
  type WalkLimits,
  type WalkResult,
} from './walk-checkout.js';
