/**
 * The Pod printer: NAME READY STATUS RESTARTS AGE, and IP NODE NOMINATED NODE READINESS GATES
 * with `-o wide`. STATUS is the most telling reason, as kubectl derives it: an init container
 * still running (`Init:0/1`), a waiting or terminated container's reason, or the pod's phase.
 */
import type { KubeObject } from '../../api/meta.js';
import { age } from './human-duration.js';
import { ageColumn, column, field, list, nameColumn, num, objectAge, str, type Printer } from './printer.js';

function initStatus(o: KubeObject): string | undefined {
  const statuses = list(field(o, 'status', 'initContainerStatuses'));
  const total = list(field(o, 'spec', 'initContainers')).length;
  for (const [i, s] of statuses.entries()) {
    const terminated = field(s, 'state', 'terminated');
    if (terminated && num(field(terminated, 'exitCode')) === 0) continue;
    if (terminated) return `Init:${str(field(terminated, 'reason')) || `ExitCode:${num(field(terminated, 'exitCode'))}`}`;
    const waiting = str(field(s, 'state', 'waiting', 'reason'));
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

function containerStatus(o: KubeObject, base: string): string {
  let reason = base;
  for (const s of [...list(field(o, 'status', 'containerStatuses'))].reverse()) {
    const waiting = str(field(s, 'state', 'waiting', 'reason'));
    const terminated = field(s, 'state', 'terminated');
    if (waiting) reason = waiting;
    else if (terminated) reason = str(field(terminated, 'reason')) || `ExitCode:${num(field(terminated, 'exitCode'))}`;
  }
  return reason;
}

export function podStatus(o: KubeObject): string {
  const base = str(field(o, 'status', 'reason')) || str(field(o, 'status', 'phase'));
  const status = initStatus(o) ?? containerStatus(o, base);
  if (o.metadata.deletionTimestamp) return base === 'NodeLost' ? 'Unknown' : 'Terminating';
  return status;
}

function restarts(o: KubeObject, now: Date): string {
  let total = 0;
  let last: number | undefined;
  for (const s of list(field(o, 'status', 'containerStatuses'))) {
    total += num(field(s, 'restartCount'));
    const finished = Date.parse(str(field(s, 'lastState', 'terminated', 'finishedAt')));
    if (!Number.isNaN(finished) && (last === undefined || finished > last)) last = finished;
  }
  return last === undefined || total === 0 ? String(total) : `${total} (${age(new Date(last).toISOString(), now)} ago)`;
}

function readinessGates(o: KubeObject): string {
  const gates = list(field(o, 'spec', 'readinessGates'));
  if (gates.length === 0) return '<none>';
  const conditions = list(field(o, 'status', 'conditions'));
  const ready = gates.filter((g) =>
    conditions.some((c) => str(field(c, 'type')) === str(field(g, 'conditionType')) && str(field(c, 'status')) === 'True'),
  ).length;
  return `${ready}/${gates.length}`;
}

export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', { description: 'Ready containers of all containers.' }),
    column('Status', { description: 'The most telling reason for the pod state.' }),
    column('Restarts', { description: 'Container restarts, and how long ago the last one was.' }),
    ageColumn,
    column('IP', { priority: 1, description: 'The IP address of the pod.' }),
    column('Node', { priority: 1, description: 'The node the pod runs on.' }),
    column('Nominated Node', { priority: 1, description: 'The node the scheduler nominated for a preempting pod.' }),
    column('Readiness Gates', { priority: 1, description: 'Readiness gates that are true of all readiness gates.' }),
  ],
  cells: (o, now) => {
    const statuses = list(field(o, 'status', 'containerStatuses'));
    const ready = statuses.filter((s) => field(s, 'ready') === true).length;
    return [
      o.metadata.name ?? '',
      `${ready}/${list(field(o, 'spec', 'containers')).length}`,
      podStatus(o),
      restarts(o, now),
      objectAge(o, now),
      str(field(o, 'status', 'podIP')) || '<none>',
      str(field(o, 'spec', 'nodeName')) || '<none>',
      str(field(o, 'status', 'nominatedNodeName')) || '<none>',
      readinessGates(o),
    ];
  },
};
