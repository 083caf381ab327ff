/**
 * A ManagedNamespace's status from one reconcile's findings, written once at the end:
 * - `Accepted`: the definition passed validation and the workspace's restrictions;
 * - `Stalled`: True when it did not, since only the user can fix it;
 * - `Placed`: every member listed or targeted has the namespace (with no member, it lives on
 *   the hub only, which counts as placed);
 * - `Ready`: accepted, placed, and the hub's namespace is in place.
 * Conditions keep their `lastTransitionTime` while their status does not change.
 */
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { ManagedNamespaceMemberStatus, ManagedNamespaceStatus } from '../../api/managed-namespace.js';
import type { Condition } from '../../api/meta.js';
import type { Acceptance } from './accept-definition.js';
import { memberDisplay } from './member-status.js';

export interface StatusInput {
  generation?: number;
  acceptance: Acceptance;
  bundleName?: string;
  members: readonly ManagedNamespaceMemberStatus[];
  /** Why the hub's own copy of the namespace could not be written, if it could not. */
  hubProblem?: { reason: string; message: string };
  previous?: ManagedNamespaceStatus;
  /** RFC 3339. */
  now: string;
}

interface ConditionValue {
  ok: boolean;
  reason: string;
  message: string;
}

function condition(input: StatusInput, type: string, value: ConditionValue): Condition {
  const status = value.ok ? 'True' : 'False';
  const before = input.previous?.conditions?.find((c) => c.type === type);
  const lastTransitionTime = before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : input.now;
  const c: Condition = { type, status, reason: value.reason, message: value.message, lastTransitionTime };
  if (input.generation !== undefined) c.observedGeneration = input.generation;
  return c;
}

function accepted(input: StatusInput): ConditionValue {
  const a = input.acceptance;
  return a.accepted ? { ok: true, reason: 'Accepted', message: 'the definition is valid' } : { ok: false, reason: a.reason, message: a.message };
}

function placed(input: StatusInput): ConditionValue {
  if (!input.acceptance.accepted) return { ok: false, reason: 'NotAccepted', message: 'nothing is placed until the definition is accepted' };
  const current = input.members.filter((m) => m.state !== 'Removing');
  if (current.length === 0) return { ok: true, reason: 'HubOnly', message: 'no member cluster is listed; the namespace exists on the hub only' };
  const waiting = input.members.filter((m) => m.state !== 'Placed' && m.state !== 'Adopted');
  if (waiting.length === 0) return { ok: true, reason: 'Placed', message: `placed on ${current.length} member cluster(s)` };
  const failed = waiting.some((m) => m.state === 'Failed');
  const message = waiting.map((m) => `${m.clusterName}: ${m.state}${m.message ? ` (${m.message})` : ''}`).join('; ');
  return { ok: false, reason: failed ? 'Failed' : 'Pending', message };
}

function ready(input: StatusInput, acceptedValue: ConditionValue, placedValue: ConditionValue): ConditionValue {
  if (!acceptedValue.ok) return acceptedValue;
  if (input.hubProblem) return { ok: false, ...input.hubProblem };
  if (!placedValue.ok) return placedValue;
  return { ok: true, reason: 'Ready', message: placedValue.message };
}

export function managedNamespaceStatus(input: StatusInput): ManagedNamespaceStatus {
  const a = accepted(input);
  const p = placed(input);
  const status: ManagedNamespaceStatus = {
    conditions: [
      condition(input, CONDITION_TYPES.Accepted, a),
      condition(input, CONDITION_TYPES.Placed, p),
      condition(input, CONDITION_TYPES.Ready, ready(input, a, p)),
      condition(input, CONDITION_TYPES.Stalled, a.ok ? { ok: false, reason: 'Accepted', message: '' } : { ...a, ok: true }),
    ],
    members: input.members.map((m) => ({ ...m })),
    display: input.acceptance.accepted ? memberDisplay(input.members) : { readyMembers: `0/${input.members.length}`, state: 'NotAccepted' },
  };
  if (input.generation !== undefined) status.observedGeneration = input.generation;
  if (input.bundleName !== undefined) status.bundleName = input.bundleName;
  return status;
}
