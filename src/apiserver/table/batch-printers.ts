/**
 * Printers of batch/v1 Job and CronJob, with kubectl's columns: a Job's STATUS from its
 * conditions, COMPLETIONS as succeeded/desired, DURATION from start to completion (or now).
 */
import type { KubeObject } from '../../api/meta.js';
import { age, humanDuration } from './human-duration.js';
import { ageColumn, column, containerNamesAndImages, field, formatLabelSelector, list, nameColumn, num, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

const wide = [
  column('Containers', { priority: 1, description: 'Names of each container in the template.' }),
  column('Images', { priority: 1, description: 'Images referenced by each container in the template.' }),
  column('Selector', { priority: 1, description: 'The label selector of the pods.' }),
];

function hasCondition(o: KubeObject, type: string): boolean {
  const condition = list(field(o, 'status', 'conditions')).find((c) => str(field(c, 'type')) === type);
  return str(field(condition, 'status')) === 'True';
}

/** Kubernetes checks in this order: a finished job stays Complete or Failed even while deleted. */
function jobStatus(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(o: KubeObject): string {
  const succeeded = num(field(o, 'status', 'succeeded'));
  const desired = field(o, 'spec', 'completions');
  if (typeof desired === 'number') return `${succeeded}/${desired}`;
  const parallelism = num(field(o, 'spec', 'parallelism'));
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject, now: Date): string {
  const start = Date.parse(str(field(o, 'status', 'startTime')));
  if (Number.isNaN(start)) return '';
  const end = Date.parse(str(field(o, 'status', 'completionTime')));
  return humanDuration((Number.isNaN(end) ? now.getTime() : end) - start);
}

function wideCells(podTemplateSpec: unknown, selector: unknown): string[] {
  return [...containerNamesAndImages(podTemplateSpec), formatLabelSelector(selector)];
}

export const jobPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', { description: 'Status of the job.' }),
    column('Completions', { description: 'The number of pods which reached phase Succeeded.' }),
    column('Duration', { description: 'Time required to complete the job.' }),
    ageColumn,
    ...wide,
  ],
  cells: (o, now) => [
    name(o),
    jobStatus(o),
    completions(o),
    jobDuration(o, now),
    objectAge(o, now),
    ...wideCells(field(o, 'spec', 'template', 'spec'), field(o, 'spec', 'selector')),
  ],
};

/** `True`, `False`, or `<unset>` for a field left out: Kubernetes' printBoolPtr. */
function boolText(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

export const cronJobPrinter: Printer = {
  columns: [
    nameColumn,
    column('Schedule', { description: 'The schedule in Cron format.' }),
    column('Timezone', { description: 'The time zone name for the given schedule.' }),
    column('Suspend', { type: 'boolean', description: 'Whether subsequent executions are suspended.' }),
    column('Active', { type: 'integer', description: 'The number of currently running jobs.' }),
    column('Last Schedule', { description: 'When the job was last successfully scheduled.' }),
    ageColumn,
    ...wide,
  ],
  cells: (o, now) => {
    const last = str(field(o, 'status', 'lastScheduleTime'));
    const jobSpec = field(o, 'spec', 'jobTemplate', 'spec');
    return [
      name(o),
      str(field(o, 'spec', 'schedule')),
      str(field(o, 'spec', 'timeZone')) || '<none>',
      boolText(field(o, 'spec', 'suspend')),
      list(field(o, 'status', 'active')).length,
      last ? age(last, now) : '<none>',
      objectAge(o, now),
      ...wideCells(field(jobSpec, 'template', 'spec'), field(jobSpec, 'selector')),
    ];
  },
};
