/**
 * Printers of apps/v1 workloads, with kubectl's columns (and its `-o wide` ones). Replica
 * counts the spec leaves out read as 1, the default the API server would have stored.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, containerNamesAndImages, field, formatLabels, formatLabelSelector, list, nameColumn, num, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

const containersColumn = column('Containers', { priority: 1, description: 'Names of each container in the template.' });
const imagesColumn = column('Images', { priority: 1, description: 'Images referenced by each container in the template.' });
const selectorColumn = column('Selector', { priority: 1, description: 'The label selector of the pods.' });
const wide = [containersColumn, imagesColumn, selectorColumn];

function podSpec(o: KubeObject): unknown {
  return field(o, 'spec', 'template', 'spec');
}

function wideCells(o: KubeObject): string[] {
  return [...containerNamesAndImages(podSpec(o)), formatLabelSelector(field(o, 'spec', 'selector'))];
}

function desiredReplicas(o: KubeObject): number {
  const replicas = field(o, 'spec', 'replicas');
  return typeof replicas === 'number' ? replicas : 1;
}

export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', { description: 'Ready replicas of desired replicas.' }),
    column('Up-to-date', { type: 'integer', description: 'Replicas updated to the current pod template.' }),
    column('Available', { type: 'integer', description: 'Replicas available to users.' }),
    ageColumn,
    ...wide,
  ],
  cells: (o, now) => [
    name(o),
    `${num(field(o, 'status', 'readyReplicas'))}/${desiredReplicas(o)}`,
    num(field(o, 'status', 'updatedReplicas')),
    num(field(o, 'status', 'availableReplicas')),
    objectAge(o, now),
    ...wideCells(o),
  ],
};

/** READY as ready/desired; no selector column, as Kubernetes prints StatefulSets. */
export const statefulSetPrinter: Printer = {
  columns: [nameColumn, column('Ready', { description: 'Number of the pod with ready state' }), ageColumn, containersColumn, imagesColumn],
  cells: (o, now) => [name(o), `${num(field(o, 'status', 'readyReplicas'))}/${desiredReplicas(o)}`, objectAge(o, now), ...containerNamesAndImages(podSpec(o))],
};

export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', { type: 'integer', description: 'The number of nodes that should be running the daemon pod.' }),
    column('Current', { type: 'integer', description: 'The number of nodes running at least one daemon pod that are supposed to.' }),
    column('Ready', { type: 'integer', description: 'The number of nodes whose daemon pod is ready.' }),
    column('Up-to-date', { type: 'integer', description: 'The number of nodes running the updated daemon pod spec.' }),
    column('Available', { type: 'integer', description: 'The number of nodes whose daemon pod has been available.' }),
    column('Node Selector', { description: 'The node labels the daemon pods are restricted to.' }),
    ageColumn,
    ...wide,
  ],
  cells: (o, now) => [
    name(o),
    num(field(o, 'status', 'desiredNumberScheduled')),
    num(field(o, 'status', 'currentNumberScheduled')),
    num(field(o, 'status', 'numberReady')),
    num(field(o, 'status', 'updatedNumberScheduled')),
    num(field(o, 'status', 'numberAvailable')),
    formatLabels(field(podSpec(o), 'nodeSelector')),
    objectAge(o, now),
    ...wideCells(o),
  ],
};

export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', { type: 'integer', description: 'The number of desired replicas.' }),
    column('Current', { type: 'integer', description: 'The number of replicas most recently observed.' }),
    column('Ready', { type: 'integer', description: 'The number of ready replicas.' }),
    ageColumn,
    ...wide,
  ],
  cells: (o, now) => [
    name(o),
    desiredReplicas(o),
    num(field(o, 'status', 'replicas')),
    num(field(o, 'status', 'readyReplicas')),
    objectAge(o, now),
    ...wideCells(o),
  ],
};

/** The controlling owner as `kind.group/name` in lower case (`statefulset.apps/web`), or `<none>`. */
function controllerOf(o: KubeObject): string {
  const ref = list(o.metadata.ownerReferences).find((r) => field(r, 'controller') === true);
  if (!ref) return '<none>';
  const apiVersion = str(field(ref, 'apiVersion'));
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = str(field(ref, 'kind'));
  const groupKind = group ? `${kind}.${group}` : kind;
  return groupKind ? `${groupKind.toLowerCase()}/${str(field(ref, 'name'))}` : str(field(ref, 'name'));
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn,
    column('Controller', { description: 'Controller of the object' }),
    column('Revision', { description: 'The revision of the state the ControllerRevision holds.' }),
    ageColumn,
  ],
  cells: (o, now) => [name(o), controllerOf(o), num(o.revision), objectAge(o, now)],
};
