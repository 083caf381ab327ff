/**
 * Int-or-percent values of a rollout strategy (`maxUnavailable: 2`, `"25%"`), parsed and
 * scaled to a count of clusters as Fleet's `limit` does. The strategy's shape and defaults
 * are the kind's (src/api/rollout-strategy.ts).
 */
import type { IntOrPercent } from '../api/rollout-strategy.js';

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

/** Parses an int-or-percent; throws RolloutStrategyError for anything else (`"ten"`, `1.5`, `"%"`). */
export function parseIntOrPercent(value: IntOrPercent): ParsedIntOrPercent {
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
 * The count an int-or-percent stands for among `total` items, as Fleet's `limit` computes it:
 * an integer as is; a percentage of the total rounded down but at least 1; and 1 when there
 * are no items at all.
 */
export function scaledValue(value: IntOrPercent, total: number): number {
  if (total <= 0) return 1;
  const parsed = parseIntOrPercent(value);
  if (parsed.kind === 'int') return parsed.value;
  if (parsed.value <= 0) return 1;
  return Math.max(1, Math.floor((total * parsed.value) / 100));
}
