/**
 * Printers of the kinds that bound workloads: PodDisruptionBudget, HorizontalPodAutoscaler
 * and PriorityClass, with kubectl's columns. LimitRange has no printer of its own in
 * Kubernetes and prints NAME and CREATED AT like any kind without one.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, field, list, nameColumn, num, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

/** An int-or-string as Kubernetes prints it (`1`, `50%`), or N/A when left out. */
function intOrString(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : 'N/A';
}

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Min Available', { description: 'The minimum number of pods that must be available.' }),
    column('Max Unavailable', { description: 'The maximum number of pods that may be unavailable.' }),
    column('Allowed Disruptions', { type: 'integer', description: 'Calculated number of pods that may be disrupted at this time.' }),
    ageColumn,
  ],
  cells: (o, now) => [
    name(o),
    intOrString(field(o, 'spec', 'minAvailable')),
    intOrString(field(o, 'spec', 'maxUnavailable')),
    num(field(o, 'status', 'disruptionsAllowed')),
    objectAge(o, now),
  ],
};

const MAX_METRICS = 2;
const UNKNOWN = '<unknown>';

function quantity(value: unknown, fallback = UNKNOWN): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : fallback;
}

function percent(value: unknown, fallback: string): string {
  return typeof value === 'number' ? `${value}%` : fallback;
}

/** `current/target` of an External or Object metric, `(avg)` when it targets an average value. */
function valueMetric(target: unknown, current: unknown): string {
  if (field(target, 'averageValue') !== undefined) {
    return `${quantity(field(current, 'averageValue'))}/${quantity(field(target, 'averageValue'))} (avg)`;
  }
  return `${current === undefined ? UNKNOWN : quantity(field(current, 'value'))}/${quantity(field(target, 'value'))}`;
}

/** `cpu: 10%/80%` for a Resource or ContainerResource metric. */
function resourceMetric(source: unknown, status: unknown): string {
  const target = field(source, 'target');
  const current = field(status, 'current');
  const resource = str(field(source, 'name'));
  if (field(target, 'averageValue') !== undefined) {
    return `${resource}: ${status === undefined ? UNKNOWN : quantity(field(current, 'averageValue'))}/${quantity(field(target, 'averageValue'))}`;
  }
  return `${resource}: ${percent(field(current, 'averageUtilization'), UNKNOWN)}/${percent(field(target, 'averageUtilization'), '<auto>')}`;
}

const SOURCE_FIELD: Readonly<Record<string, string>> = {
  External: 'external',
  Pods: 'pods',
  Object: 'object',
  Resource: 'resource',
  ContainerResource: 'containerResource',
};

function formatMetric(spec: unknown, status: unknown): string {
  const type = str(field(spec, 'type'));
  const key = SOURCE_FIELD[type];
  if (!key) return '<unknown type>';
  const source = field(spec, key);
  const observed = field(status, key);
  if (type === 'Resource' || type === 'ContainerResource') return resourceMetric(source, observed);
  if (type === 'Pods') {
    return `${observed === undefined ? UNKNOWN : quantity(field(observed, 'current', 'averageValue'))}/${quantity(field(source, 'target', 'averageValue'))}`;
  }
  return valueMetric(field(source, 'target'), field(observed, 'current'));
}

/** The TARGETS cell: the first two metrics as current/target, then how many more. */
export function hpaTargets(o: KubeObject): string {
  const specs = list(field(o, 'spec', 'metrics'));
  if (specs.length === 0) return '<none>';
  const statuses = list(field(o, 'status', 'currentMetrics'));
  const shown = specs.slice(0, MAX_METRICS).map((spec, i) => formatMetric(spec, statuses[i]));
  return specs.length > MAX_METRICS ? `${shown.join(', ')} + ${specs.length - MAX_METRICS} more...` : shown.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    nameColumn,
    column('Reference', { description: 'The target resource scaled, as Kind/name.' }),
    column('Targets', { description: 'Current and target values of the metrics.' }),
    column('MinPods', { description: 'The lower limit of replicas.' }),
    column('MaxPods', { description: 'The upper limit of replicas.' }),
    column('Replicas', { description: 'The current number of replicas.' }),
    ageColumn,
  ],
  cells: (o, now) => {
    const min = field(o, 'spec', 'minReplicas');
    return [
      name(o),
      `${str(field(o, 'spec', 'scaleTargetRef', 'kind'))}/${str(field(o, 'spec', 'scaleTargetRef', 'name'))}`,
      hpaTargets(o),
      typeof min === 'number' ? String(min) : '<unset>',
      num(field(o, 'spec', 'maxReplicas')),
      num(field(o, 'status', 'currentReplicas')),
      objectAge(o, now),
    ];
  },
};

/** PREEMPTIONPOLICY is a default column after AGE: Kubernetes declares it without a priority. */
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Value', { type: 'integer', description: 'The priority pods of this class get.' }),
    column('Global-Default', { type: 'boolean', description: 'Whether pods without a class get this one.' }),
    ageColumn,
    column('PreemptionPolicy', { description: 'Whether pods of this class may preempt lower-priority pods.' }),
  ],
  cells: (o, now) => [name(o), num(o.value), o.globalDefault === true, objectAge(o, now), str(o.preemptionPolicy)],
};
