/**
 * Printers of storage kinds: PersistentVolume, PersistentVolumeClaim and StorageClass, with
 * kubectl's columns. Access modes print as their short forms in a fixed order, and the
 * storage class is read from the beta annotation first, as Kubernetes' helpers do.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, field, list, nameColumn, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

const ACCESS_MODES: ReadonlyArray<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `RWO,RWX`: each mode once, in Kubernetes' order whatever the order given. */
export function accessModes(modes: unknown): string {
  const given = new Set(list(modes).map((m) => str(m)));
  return ACCESS_MODES.filter(([mode]) => given.has(mode))
    .map(([, short]) => short)
    .join(',');
}

function storageClassOf(o: KubeObject): string {
  const beta = o.metadata.annotations?.[BETA_STORAGE_CLASS];
  return beta ?? str(field(o, 'spec', 'storageClassName'));
}

function phaseOf(o: KubeObject): string {
  return o.metadata.deletionTimestamp ? 'Terminating' : str(field(o, 'status', 'phase'));
}

function unsetOr(value: unknown): string {
  return typeof value === 'string' ? value : '<unset>';
}

export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn,
    column('Capacity', { description: 'The capacity of the volume.' }),
    column('Access Modes', { description: 'The ways the volume can be mounted.' }),
    column('Reclaim Policy', { description: 'What happens to the volume when released from its claim.' }),
    column('Status', { description: 'The phase of the volume.' }),
    column('Claim', { description: 'The claim bound to the volume, as namespace/name.' }),
    column('StorageClass', { description: 'StorageClass of the pv' }),
    column('VolumeAttributesClass', { description: 'VolumeAttributesClass of the pv' }),
    column('Reason', { description: 'Why the volume is in its phase.' }),
    ageColumn,
    column('VolumeMode', { priority: 1, description: 'Whether the volume is a filesystem or a raw block device.' }),
  ],
  cells: (o, now) => {
    const claim = field(o, 'spec', 'claimRef');
    return [
      name(o),
      str(field(o, 'spec', 'capacity', 'storage'), '0'),
      accessModes(field(o, 'spec', 'accessModes')),
      str(field(o, 'spec', 'persistentVolumeReclaimPolicy')),
      phaseOf(o),
      claim ? `${str(field(claim, 'namespace'))}/${str(field(claim, 'name'))}` : '',
      storageClassOf(o),
      unsetOr(field(o, 'spec', 'volumeAttributesClassName')),
      str(field(o, 'status', 'reason')),
      objectAge(o, now),
      unsetOr(field(o, 'spec', 'volumeMode')),
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', { description: 'The phase of the claim.' }),
    column('Volume', { description: 'The volume bound to the claim.' }),
    column('Capacity', { description: 'The capacity of the bound volume.' }),
    column('Access Modes', { description: 'The ways the bound volume can be mounted.' }),
    column('StorageClass', { description: 'StorageClass of the pvc' }),
    column('VolumeAttributesClass', { description: 'VolumeAttributesClass of the pvc' }),
    ageColumn,
    column('VolumeMode', { priority: 1, description: 'Whether the claim wants a filesystem or a raw block device.' }),
  ],
  cells: (o, now) => {
    const volume = str(field(o, 'spec', 'volumeName'));
    // Capacity and modes are the bound volume's: an unbound claim shows neither.
    return [
      name(o),
      phaseOf(o),
      volume,
      volume ? str(field(o, 'status', 'capacity', 'storage'), '0') : '',
      volume ? accessModes(field(o, 'status', 'accessModes')) : '',
      storageClassOf(o),
      unsetOr(field(o, 'spec', 'volumeAttributesClassName')),
      objectAge(o, now),
      unsetOr(field(o, 'spec', 'volumeMode')),
    ];
  },
};

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Provisioner', { description: 'The provisioner of volumes of this class.' }),
    column('ReclaimPolicy', { description: 'What happens to volumes of this class when released.' }),
    column('VolumeBindingMode', { description: 'When volumes of this class are bound and provisioned.' }),
    column('AllowVolumeExpansion', { description: 'Whether volumes of this class can be expanded.' }),
    ageColumn,
  ],
  cells: (o, now) => {
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => o.metadata.annotations?.[a] === 'true');
    return [
      isDefault ? `${name(o)} (default)` : name(o),
      str(o.provisioner),
      str(o.reclaimPolicy, 'Delete'),
      str(o.volumeBindingMode, 'Immediate'),
      o.allowVolumeExpansion === true,
      objectAge(o, now),
    ];
  },
};
