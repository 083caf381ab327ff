/**
 * How often a registering agent asks the hub whether it has been granted: short at first (a
 * quiet hub grants within a few hundred milliseconds), growing to a few seconds. A thousand
 * agents registering at once and polling every 200 ms sent the hub 5,000 reads a second, each
 * authorized against every RBAC binding, and starved the controller that grants them.
 */
import { backoffDelay } from '../../kube/backoff.js';
import { Duration } from '../../kube/duration.js';

export const GRANT_POLL = Object.freeze({ initial: Duration.milliseconds(200), max: Duration.seconds(3) });

/** The wait before poll `attempt` (1-based): doubling to the cap, spread by ±25 % so agents started together drift apart. */
export function grantPollDelay(attempt: number, random: () => number = Math.random): Duration {
  const base = backoffDelay(GRANT_POLL, attempt).toMilliseconds();
  return Duration.milliseconds(Math.round(base * (0.75 + random() * 0.5)));
}
