/**
 * The states a BundleDeployment (and, aggregated, a Bundle) can be in, with Fleet's ranking:
 * when states are aggregated the worst one wins, so a single failing cluster shows.
 */

export const BUNDLE_STATES = ['Ready', 'NotReady', 'Pending', 'OutOfSync', 'Modified', 'WaitApplied', 'ErrApplied'] as const;

export type BundleState = (typeof BUNDLE_STATES)[number];

/** Higher is worse (Fleet's StateRank). */
export const STATE_RANK: Readonly<Record<BundleState, number>> = Object.freeze({
  Ready: 1,
  NotReady: 2,
  Pending: 3,
  OutOfSync: 4,
  Modified: 5,
  WaitApplied: 6,
  ErrApplied: 7,
});

/** The worse of two states by {@link STATE_RANK}. */
export function worseState(a: BundleState, b: BundleState): BundleState {
  return STATE_RANK[b] > STATE_RANK[a] ? b : a;
}
