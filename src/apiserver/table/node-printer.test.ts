import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const columns = ['Name', 'Status', 'Roles', 'Age', 'Version'];
const wide = ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'];
const node = (rest: Record<string, unknown>, labels: Record<string, string> = {}) => obj('v1', 'Node', rest, { namespace: undefined, labels });

const cases: PrinterCase[] = [
  {
    name: 'a ready control-plane node prints Ready, its roles sorted, and its kubelet version',
    resource: { group: '', kind: 'Node' },
    object: node(
      {
        status: {
          conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
          addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.5' }],
          nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ubuntu 24.04', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://1.7.0' },
        },
      },
      { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'etcd', 'node-role.kubernetes.io/': '' },
    ),
    columns,
    wide,
    cells: ['x', 'Ready', 'control-plane,etcd', '3m2s', 'v1.32.4', '10.0.0.5', '<none>', 'Ubuntu 24.04', '6.8.0', 'containerd://1.7.0'],
  },
  {
    name: 'a cordoned node that is not ready prints NotReady,SchedulingDisabled',
    resource: { group: '', kind: 'Node' },
    object: node({ spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }], addresses: [{ type: 'ExternalIP', address: '203.0.113.9' }] } }),
    columns,
    wide,
    cells: ['x', 'NotReady,SchedulingDisabled', '<none>', '3m2s', '', '<none>', '203.0.113.9', '<unknown>', '<unknown>', '<unknown>'],
  },
  {
    name: 'a node without a Ready condition prints Unknown',
    resource: { group: '', kind: 'Node' },
    object: node({}),
    columns,
    wide,
    cells: ['x', 'Unknown', '<none>', '3m2s', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
];

describe('node printer', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
