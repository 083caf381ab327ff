/**
 * What one sync of a GitRepo found, as plain data: each step of the reconcile fills in its
 * part (spec and credentials, git, bundles, rendering), and the status is computed from the
 * whole at the end, once (Flux's sub-steps that each own their conditions).
 */
import type { GitRepoBundleError } from '../../api/git-repo.js';
import type { FleetYamlFinding } from '../../bundle/index.js';
import type { GitErrorReason } from '../../git/index.js';

/**
 * Every reason a GitRepo condition can give, one closed list: the success reasons, the
 * credential problems, src/git's reasons for a failed fetch, the checkout refusals, and the
 * bundle-level ones.
 */
export type GitRepoReason =
  | 'Accepted'
  | 'Polled'
  | 'Progressing'
  | 'Synced'
  /** The Secret `clientSecretName` names does not exist. */
  | 'SecretNotFound'
  /** That Secret holds no usable credentials. */
  | 'SecretInvalid'
  /** The workspace's GitRepoRestriction does not allow that Secret, or that repository, to be used. */
  | 'RestrictedByGitRepoRestriction'
  | GitErrorReason
  /** The checkout holds a path that leaves it. */
  | 'PathEscapes'
  /** A bundle path failed to read or render; its last good Bundle stays. */
  | 'BundleError'
  /** fleet.yaml uses a Fleet key Flotilla does not implement yet. */
  | 'NotSupported';

/** A problem with a reason from the closed list and a message naming what to fix. */
export interface Problem {
  reason: GitRepoReason;
  message: string;
}

export interface SyncOutcome {
  /** The spec or something it names (the credentials Secret) cannot be used: Accepted=False. */
  rejected?: Problem;
  /** Reaching or reading the repository failed: GitPolling=False. `retry` when it may pass by itself. */
  gitError?: Problem & { retry: boolean };
  /** The repository cannot be used as it is (over the size limit): Stalled, nothing changed. */
  refused?: Problem;
  /** The commit now deployed (absent when the sync stopped before writing Bundles). */
  commit?: string;
  /** The commit the last poll saw. */
  polledCommit?: string;
  /** When the repository was polled (RFC 3339). */
  polledAt?: string;
  /** Per-path errors; those paths keep their last good Bundles. */
  bundleErrors: GitRepoBundleError[];
  /** Fleet keys Flotilla does not implement yet, which were skipped where they appear. */
  findings: FleetYamlFinding[];
  /** Bundles of the GitRepo on the hub after the sync (kept ones included). */
  bundleCount: number;
  /** Objects in the default renders of those Bundles. */
  resourceCount: number;
}

export function emptyOutcome(): SyncOutcome {
  return { bundleErrors: [], findings: [], bundleCount: 0, resourceCount: 0 };
}
