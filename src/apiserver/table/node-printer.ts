/**
 * The Node printer: STATUS from the Ready condition (and SchedulingDisabled when cordoned),
 * ROLES from the node-role labels, the kubelet VERSION, and addresses and system info wide.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, field, list, nameColumn, objectAge, str, type Printer } from './printer.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(o: KubeObject): string {
  const ready = list(field(o, 'status', 'conditions')).find((c) => str(field(c, 'type')) === 'Ready');
  const status = [ready ? (str(field(ready, 'status')) === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (field(o, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
    else if (key === ROLE_LABEL && value) roles.add(value);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(o: KubeObject, type: string): string {
  const found = list(field(o, 'status', 'addresses')).find((a) => str(field(a, 'type')) === type);
  return found ? str(field(found, 'address')) : '<none>';
}

function nodeInfo(o: KubeObject, key: string): string {
  return str(field(o, 'status', 'nodeInfo', key)) || '<unknown>';
}

export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', { description: 'The status of the node' }),
    column('Roles', { description: 'The roles of the node' }),
    ageColumn,
    column('Version', { description: 'The version of the kubelet on the node.' }),
    column('Internal-IP', { priority: 1, description: 'The first internal IP address of the node.' }),
    column('External-IP', { priority: 1, description: 'The first external IP address of the node.' }),
    column('OS-Image', { priority: 1, description: 'The operating system image of the node.' }),
    column('Kernel-Version', { priority: 1, description: 'The kernel version of the node.' }),
    column('Container-Runtime', { priority: 1, description: 'The container runtime and its version.' }),
  ],
  cells: (o, now) => [
    o.metadata.name ?? '',
    nodeStatus(o),
    nodeRoles(o.metadata.labels),
    objectAge(o, now),
    str(field(o, 'status', 'nodeInfo', 'kubeletVersion')),
    address(o, 'InternalIP'),
    address(o, 'ExternalIP'),
    nodeInfo(o, 'osImage'),
    nodeInfo(o, 'kernelVersion'),
    nodeInfo(o, 'containerRuntimeVersion'),
  ],
};
