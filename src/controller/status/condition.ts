/**
 * Conditions as the status writers set them: a condition keeps its lastTransitionTime while
 * its status stays the same, and carries no lastUpdateTime, so recomputing an unchanged
 * status gives an equal object and nothing is written.
 */
import type { Condition } from '../../api/meta.js';

export interface ConditionInput {
  readonly type: string;
  readonly ok: boolean;
  readonly reason: string;
  readonly message?: string;
  readonly observedGeneration?: number;
}

export function condition(previous: readonly Condition[] | undefined, input: ConditionInput, now: string): Condition {
  const status = input.ok ? 'True' : 'False';
  const old = previous?.find((c) => c.type === input.type);
  const lastTransitionTime = old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : now;
  return {
    type: input.type,
    status,
    reason: input.reason,
    message: input.message ?? '',
    lastTransitionTime,
    ...(input.observedGeneration !== undefined ? { observedGeneration: input.observedGeneration } : {}),
  };
}

/** Conditions are compared without their times: a recomputed status equal but for times is unchanged. */
export function withoutTimes(conditions: readonly Condition[] | undefined): Condition[] {
  return (conditions ?? []).map(({ lastTransitionTime: _t, lastUpdateTime: _u, ...rest }) => rest as Condition);
}
