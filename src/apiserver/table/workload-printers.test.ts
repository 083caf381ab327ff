import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const template = { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };
const apps = (kind: string) => ({ group: 'apps', kind });

const cases: PrinterCase[] = [
  {
    name: 'a StatefulSet prints READY as ready/desired, and CONTAINERS IMAGES wide without a selector',
    resource: apps('StatefulSet'),
    object: obj('apps/v1', 'StatefulSet', { spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { readyReplicas: 1 } }),
    columns: ['Name', 'Ready', 'Age'],
    wide: ['Containers', 'Images'],
    cells: ['x', '1/3', '3m2s', 'web,log', 'nginx:1.27,busybox'],
  },
  {
    name: 'a StatefulSet without replicas reads the default of 1',
    resource: apps('StatefulSet'),
    object: obj('apps/v1', 'StatefulSet', { spec: { template: { spec: { containers: [] } } } }),
    columns: ['Name', 'Ready', 'Age'],
    wide: ['Containers', 'Images'],
    cells: ['x', '0/1', '3m2s', '', ''],
  },
  {
    name: 'a DaemonSet prints its scheduling counts and node selector',
    resource: apps('DaemonSet'),
    object: obj('apps/v1', 'DaemonSet', {
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' }, containers: [{ name: 'a', image: 'agent:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }),
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
    cells: ['x', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '3m2s', 'a', 'agent:1', 'app=agent'],
  },
  {
    name: 'a DaemonSet without a node selector prints <none>',
    resource: apps('DaemonSet'),
    object: obj('apps/v1', 'DaemonSet', { spec: { template: { spec: { containers: [] } } } }),
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
    cells: ['x', 0, 0, 0, 0, 0, '<none>', '3m2s', '', '', '<none>'],
  },
  {
    name: 'a ReplicaSet prints DESIRED CURRENT READY as numbers',
    resource: apps('ReplicaSet'),
    object: obj('apps/v1', 'ReplicaSet', { spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template }, status: { replicas: 2, readyReplicas: 1 } }),
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
    cells: ['x', 2, 2, 1, '3m2s', 'web,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=abc'],
  },
  {
    name: 'a ControllerRevision prints its controller as kind.group/name and its revision',
    resource: apps('ControllerRevision'),
    object: obj('apps/v1', 'ControllerRevision', { revision: 4, data: {} }, {
      ownerReferences: [
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'not-the-controller', uid: 'u1' },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u2', controller: true },
      ],
    }),
    columns: ['Name', 'Controller', 'Revision', 'Age'],
    cells: ['x', 'statefulset.apps/db', 4, '3m2s'],
  },
  {
    name: 'a ControllerRevision without a controller prints <none>',
    resource: apps('ControllerRevision'),
    object: obj('apps/v1', 'ControllerRevision', { revision: 1 }),
    columns: ['Name', 'Controller', 'Revision', 'Age'],
    cells: ['x', '<none>', 1, '3m2s'],
  },
];

describe('workload printers', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
