/**
 * How far apart the status writes of one object of a kind are kept, from how many objects of
 * that kind there are: every object of the kind written once per pace costs the hub at most
 * `writesPerSecond`. A fixed 2 s kept 1,000 Clusters' rollout statuses within 500 writes a
 * second, and the faster the rollout the closer to that; 10,000 Clusters would ask 5,000.
 * Paced by their number, the hub's cost of Cluster status stays the same whatever the fleet's
 * size, and a Cluster's status trails its BundleDeployments by at most one pace (10 s at
 * 1,000 Clusters by default), never losing the last state.
 */
import { Duration } from '../../kube/duration.js';

/** The hub's budget for one kind's status writes, from which its pace follows. */
export interface StatusPaceBudget {
  /** The most status writes a second the kind may cost the hub when every object changes. */
  readonly writesPerSecond: number;
  /** The pace of a small fleet, and the gathering window of a Cluster's changes. */
  readonly min: Duration;
  /** The longest a status may trail its inputs, however many objects there are. */
  readonly max: Duration;
}

export interface StatusPaceOptions extends StatusPaceBudget {
  /** How many objects of the kind there are. */
  readonly objects: number;
}

export const DEFAULT_STATUS_PACE: StatusPaceBudget = Object.freeze({ writesPerSecond: 100, min: Duration.seconds(2), max: Duration.minutes(1) });

export function statusPace(options: StatusPaceOptions): Duration {
  if (options.writesPerSecond <= 0) return options.max;
  const spread = Duration.milliseconds(Math.ceil((options.objects / options.writesPerSecond) * 1000));
  return spread.min(options.max).max(options.min);
}
