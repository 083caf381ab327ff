/**
 * A GitRepo's aggregated status from the Bundles made from it: the sum of their summaries,
 * `readyClusters` (the lowest ready count over its bundles, as Fleet reports it),
 * `desiredReadyClusters` (the highest desired count) and `display.readyBundleDeployments`
 * ("ready/desired"). The GitRepo controller owns the rest of the status (conditions, commit,
 * display.state); server-side apply keeps the two writers' fields apart.
 */
import type { Bundle } from '../../api/bundle.js';
import type { GitRepoStatus } from '../../api/git-repo.js';
import { addSummaries } from './summary.js';

export const GITREPO_STATUS_FIELDS = ['summary', 'readyClusters', 'desiredReadyClusters', 'display.readyBundleDeployments'] as const;

export function gitRepoSummary(bundles: readonly Bundle[]): GitRepoStatus {
  const summary = addSummaries(bundles.map((b) => b.status?.summary));
  const ready = bundles.map((b) => b.status?.summary?.ready ?? 0);
  const desired = bundles.map((b) => b.status?.summary?.desiredReady ?? 0);
  return {
    summary,
    readyClusters: ready.length > 0 ? Math.min(...ready) : 0,
    desiredReadyClusters: desired.length > 0 ? Math.max(...desired) : 0,
    display: { readyBundleDeployments: `${summary.ready ?? 0}/${summary.desiredReady ?? 0}` },
  };
}
