/**
 * The JSON merge patch (RFC 7386) that turns one value into another. A merge patch merges
 * objects key by key, so a key the new value no longer has must be sent as null or the
 * server keeps it: a summary whose `nonReadyResources` emptied kept the old list for good,
 * and every later recompute saw a difference and wrote again. Arrays and scalars are
 * replaced whole, as merge patch does.
 */
import { isPlainObject } from '../../api/deep-merge.js';

export function mergePatchDiff(current: unknown, desired: unknown): unknown {
  if (desired === undefined) return null;
  if (!isPlainObject(desired) || !isPlainObject(current)) return desired;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    patch[key] = mergePatchDiff(current[key], value);
  }
  for (const key of Object.keys(current)) if (desired[key] === undefined) patch[key] = null;
  return patch;
}
