/**
 * `toTable` answers a list or get asked as `application/json;as=Table;g=meta.k8s.io;v=v1`:
 * the kind's columns and one row per object, carrying the object as `includeObject` says.
 * Built-in kinds use their printer; custom kinds their CRD's printer columns; any other kind
 * (LimitRange, CustomResourceDefinition, Role, ...) NAME and CREATED AT, as Kubernetes does.
 */
import type { KubeObject } from '../../api/meta.js';
import { networkPolicyPrinter, leasePrinter, roleBindingPrinter, rolePrinter } from './access-printers.js';
import {
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  namespacePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core-printers.js';
import { crdPrinter, type PrinterColumn } from './crd-printer.js';
import { defaultPrinter } from './default-printer.js';
import { podPrinter } from './pod-printer.js';
import type { Printer } from './printer.js';
import type { IncludeObject, Table, TableRow } from './table-types.js';
import { cronJobPrinter, jobPrinter } from './batch-printers.js';
import { ingressPrinter } from './ingress-printer.js';
import { nodePrinter } from './node-printer.js';
import { horizontalPodAutoscalerPrinter, podDisruptionBudgetPrinter, priorityClassPrinter } from './policy-printers.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-printers.js';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workload-printers.js';

const builtinPrinters: ReadonlyMap<string, Printer> = new Map([
  ['/Namespace', namespacePrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/Service', servicePrinter],
  ['/Pod', podPrinter],
  ['/ResourceQuota', resourceQuotaPrinter],
  ['/Endpoints', endpointsPrinter],
  ['/Event', eventPrinter],
  ['events.k8s.io/Event', eventPrinter],
  ['/PersistentVolumeClaim', persistentVolumeClaimPrinter],
  ['/PersistentVolume', persistentVolumePrinter],
  ['/Node', nodePrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/ControllerRevision', controllerRevisionPrinter],
  ['batch/Job', jobPrinter],
  ['batch/CronJob', cronJobPrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['policy/PodDisruptionBudget', podDisruptionBudgetPrinter],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerPrinter],
  ['scheduling.k8s.io/PriorityClass', priorityClassPrinter],
  ['storage.k8s.io/StorageClass', storageClassPrinter],
  ['networking.k8s.io/NetworkPolicy', networkPolicyPrinter],
  ['rbac.authorization.k8s.io/Role', rolePrinter],
  ['rbac.authorization.k8s.io/ClusterRole', rolePrinter],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingPrinter],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', roleBindingPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
]);

export interface TableResource {
  group: string;
  kind: string;
  /** Set for a custom resource: its CRD version's additionalPrinterColumns (possibly empty). */
  printerColumns?: readonly PrinterColumn[];
}

export interface ToTableOptions {
  resource: TableResource;
  objects: readonly KubeObject[];
  /** Kubernetes' default is Metadata; kubectl asks for Object. */
  includeObject?: IncludeObject;
  now: Date;
  /** The list's metadata (resourceVersion, continue), copied onto the table. */
  listMeta?: Table['metadata'];
  /** False for a watch event after the first: Kubernetes sends the columns once. */
  headers?: boolean;
}

/** The printer for a resource: its CRD's columns, a built-in printer, or NAME and CREATED AT. */
export function printerFor(resource: TableResource): Printer {
  if (resource.printerColumns) return crdPrinter(resource.printerColumns);
  return builtinPrinters.get(`${resource.group}/${resource.kind}`) ?? defaultPrinter;
}

function rowObject(object: KubeObject, include: IncludeObject): TableRow['object'] {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function toTable(options: ToTableOptions): Table {
  const printer = printerFor(options.resource);
  const include = options.includeObject ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { ...(options.listMeta ?? {}) },
    columnDefinitions: options.headers === false ? [] : printer.columns,
    rows: options.objects.map((object) => {
      const row: TableRow = { cells: printer.cells(object, options.now) };
      const carried = rowObject(object, include);
      if (carried) row.object = carried;
      return row;
    }),
  };
}
