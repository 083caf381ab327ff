import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const pvColumns = ['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age'];
const pvcColumns = ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age'];
const wide = ['VolumeMode'];

const cases: PrinterCase[] = [
  {
    name: 'a bound PersistentVolume prints capacity, modes in Kubernetes order, its claim and class',
    resource: { group: '', kind: 'PersistentVolume' },
    object: obj('v1', 'PersistentVolume', {
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'team-a', name: 'data' },
        storageClassName: 'fast',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    }),
    columns: pvColumns,
    wide,
    cells: ['x', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'team-a/data', 'fast', '<unset>', '', '3m2s', 'Filesystem'],
  },
  {
    name: 'a PersistentVolume being deleted prints Terminating, and the beta class annotation wins',
    resource: { group: '', kind: 'PersistentVolume' },
    object: obj(
      'v1',
      'PersistentVolume',
      { spec: { accessModes: ['ReadWriteOncePod'], storageClassName: 'fast', volumeAttributesClassName: 'gold' }, status: { phase: 'Released', reason: 'Gone' } },
      { deletionTimestamp: '2025-01-01T11:59:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } },
    ),
    columns: pvColumns,
    wide,
    cells: ['x', '0', 'RWOP', '', 'Terminating', '', 'legacy', 'gold', 'Gone', '3m2s', '<unset>'],
  },
  {
    name: 'a bound PersistentVolumeClaim prints its volume and the volume capacity and modes',
    resource: { group: '', kind: 'PersistentVolumeClaim' },
    object: obj('v1', 'PersistentVolumeClaim', {
      spec: { volumeName: 'pv-1', storageClassName: 'fast', volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadOnlyMany'] },
    }),
    columns: pvcColumns,
    wide,
    cells: ['x', 'Bound', 'pv-1', '2Gi', 'ROX', 'fast', '<unset>', '3m2s', 'Block'],
  },
  {
    name: 'a pending PersistentVolumeClaim prints no capacity or modes',
    resource: { group: '', kind: 'PersistentVolumeClaim' },
    object: obj('v1', 'PersistentVolumeClaim', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } }),
    columns: pvcColumns,
    wide,
    cells: ['x', 'Pending', '', '', '', '', '<unset>', '3m2s', '<unset>'],
  },
  {
    name: 'a StorageClass prints the defaults Delete and Immediate when the fields are left out',
    resource: { group: 'storage.k8s.io', kind: 'StorageClass' },
    object: obj('storage.k8s.io/v1', 'StorageClass', { provisioner: 'rancher.io/local-path' }),
    columns: ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'],
    cells: ['x', 'rancher.io/local-path', 'Delete', 'Immediate', false, '3m2s'],
  },
  {
    name: 'the default StorageClass prints (default) after its name',
    resource: { group: 'storage.k8s.io', kind: 'StorageClass' },
    object: obj(
      'storage.k8s.io/v1',
      'StorageClass',
      { provisioner: 'csi.example', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    ),
    columns: ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'],
    cells: ['x (default)', 'csi.example', 'Retain', 'WaitForFirstConsumer', true, '3m2s'],
  },
];

describe('storage printers', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
