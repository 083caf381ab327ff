/**
 * fleet.yaml `rolloutStrategy` and its int-or-percent values. Defaults are Fleet's:
 * maxUnavailable 100%, maxUnavailablePartitions 0, autoPartitionSize 25%,
 * autoPartitionThreshold 200 (fewer targets make a single partition), maxNew 50.
 */
import type { ClusterMatcher } from './cluster-matcher.js';

/** An integer, or a string holding an integer or a percentage (`"25%"`), as Kubernetes' IntOrString. */
export type IntOrString = number | string;

export interface PartitionSpec extends ClusterMatcher {
  readonly name?: string;
  readonly maxUnavailable?: IntOrString;
}

export interface RolloutStrategy {
  readonly maxUnavailable?: IntOrString;
  readonly maxUnavailablePartitions?: IntOrString;
  readonly autoPartitionSize?: IntOrString;
  readonly autoPartitionThreshold?: number;
  /** At most this many BundleDeployments are created per pass (Fleet's maxNew). */
  readonly maxNew?: number;
  readonly partitions?: readonly PartitionSpec[];
}

export const ROLLOUT_DEFAULTS = Object.freeze({
  maxUnavailable: '100%',
  maxUnavailablePartitions: 0,
  autoPartitionSize: '25%',
  autoPartitionThreshold: 200,
  maxNew: 50,
} as const);

export class RolloutStrategyError extends Error {
  constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = 'RolloutStrategyError';
  }
}

export type ParsedIntOrPercent = { readonly kind: 'int'; readonly value: number } | { readonly kind: 'percent'; readonly value: number };

/** Parses an IntOrString; throws RolloutStrategyError for anything else (`"ten"`, `1.5`, `"%"`). */
export function parseIntOrPercent(value: IntOrString): ParsedIntOrPercent {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { kind: 'int', value };
  } else if (/^-?\d+$/.test(value.trim())) {
    return { kind: 'int', value: Number(value.trim()) };
  } else if (/^-?\d+(\.\d+)?%$/.test(value.trim())) {
    return { kind: 'percent', value: Number(value.trim().slice(0, -1)) };
  }
  throw new RolloutStrategyError(`"${String(value)}" is neither an integer nor a percentage such as "25%"`, value);
}

/**
 * The count an IntOrString stands for among `total` items, as Fleet's `limit` computes it:
 * an integer as is; a percentage of the total rounded down but at least 1; and 1 when there
 * are no items at all.
 */
export function scaledValue(value: IntOrString, total: number): number {
  if (total <= 0) return 1;
  const parsed = parseIntOrPercent(value);
  if (parsed.kind === 'int') return parsed.value;
  if (parsed.value <= 0) return 1;
  return Math.max(1, Math.floor((total * parsed.value) / 100));
}
