/**
 * Why an object is not ready, in one line, from what its status says: a Stalled condition
 * first (the user must act), then a Ready condition that is not True, then a display state
 * that is not empty; a GitRepo adds each path that failed to render, and a Cluster whose
 * agent never checked in says so. An object with no status at all has not been processed
 * (usually: no controller is running). Pure, so `status` is tested with tables of objects.
 */
import type { Condition, KubeObject } from '../../../api/meta.js';

export interface NotReady {
  kind: string;
  namespace: string;
  name: string;
  reason: string;
}

interface StatusLike {
  conditions?: Condition[];
  display?: { state?: string; message?: string };
  bundleErrors?: { path: string; file?: string; message?: string }[];
  agent?: { lastSeen?: string };
}

function conditionText(c: Condition): string {
  return [c.reason, c.message].filter(Boolean).join(': ') || `${c.type}=${c.status}`;
}

/** The one reason the conditions (or, without a Ready condition, the display state) give. */
function conditionReason(status: StatusLike): string | undefined {
  const conditions = status.conditions ?? [];
  const stalled = conditions.find((c) => c.type === 'Stalled' && c.status === 'True');
  if (stalled) return `stalled: ${conditionText(stalled)}`;
  const ready = conditions.find((c) => c.type === 'Ready');
  if (ready) return ready.status === 'True' ? undefined : conditionText(ready);
  const display = status.display;
  if (!display?.state) return undefined;
  return display.message ? `${display.state}: ${display.message}` : display.state;
}

function statusReasons(kind: string, status: StatusLike): string[] {
  const first = conditionReason(status);
  const reasons: string[] = first ? [first] : [];
  for (const e of status.bundleErrors ?? []) reasons.push(`path ${e.path}${e.file ? ` (${e.file})` : ''}: ${e.message ?? 'failed to render'}`);
  if (kind === 'Cluster' && !status.agent?.lastSeen) reasons.push('no agent has checked in yet');
  return reasons;
}

export function notReady(object: KubeObject): NotReady[] {
  const id = { kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
  const status = object.status as StatusLike | undefined;
  if (!status || Object.keys(status).length === 0) return [{ ...id, reason: 'no status yet: the controller has not processed it (is `flotilla controller` running?)' }];
  return statusReasons(object.kind, status).map((reason) => ({ ...id, reason }));
}
