/** Printers of apps/v1 workloads, with kubectl's columns (and its `-o wide` ones). */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, containerNamesAndImages, field, formatLabelSelector, nameColumn, num, objectAge, type Printer } from './printer.js';

const wide = [
  column('Containers', { priority: 1, description: 'Names of the containers in the pod template.' }),
  column('Images', { priority: 1, description: 'Images of the containers in the pod template.' }),
  column('Selector', { priority: 1, description: 'The label selector of the pods.' }),
];

function wideCells(o: KubeObject): string[] {
  return [...containerNamesAndImages(field(o, 'spec', 'template', 'spec')), formatLabelSelector(field(o, 'spec', 'selector'))];
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
  cells: (o, now) => {
    const replicas = field(o, 'spec', 'replicas');
    return [
      o.metadata.name ?? '',
      `${num(field(o, 'status', 'readyReplicas'))}/${typeof replicas === 'number' ? replicas : 1}`,
      num(field(o, 'status', 'updatedReplicas')),
      num(field(o, 'status', 'availableReplicas')),
      objectAge(o, now),
      ...wideCells(o),
    ];
  },
};
