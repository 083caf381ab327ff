import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const hpaColumns = ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'];
const hpaResource = { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' };
const hpa = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
  obj('autoscaling/v2', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, ...spec }, status });
const cpu = (averageUtilization: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });

const cases: PrinterCase[] = [
  {
    name: 'a PodDisruptionBudget with minAvailable prints N/A for maxUnavailable',
    resource: { group: 'policy', kind: 'PodDisruptionBudget' },
    object: obj('policy/v1', 'PodDisruptionBudget', { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }),
    columns: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
    cells: ['x', '2', 'N/A', 1, '3m2s'],
  },
  {
    name: 'a PodDisruptionBudget with a percentage prints it as written',
    resource: { group: 'policy', kind: 'PodDisruptionBudget' },
    object: obj('policy/v1', 'PodDisruptionBudget', { spec: { maxUnavailable: '25%' } }),
    columns: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
    cells: ['x', 'N/A', '25%', 0, '3m2s'],
  },
  {
    name: 'an HPA without metrics prints <none> targets and <unset> min pods',
    resource: hpaResource,
    object: hpa({}),
    columns: hpaColumns,
    cells: ['x', 'Deployment/web', '<none>', '<unset>', 10, 0, '3m2s'],
  },
  {
    name: 'an HPA on CPU utilization prints current/target percentages, <unknown> before it is measured',
    resource: hpaResource,
    object: hpa({ minReplicas: 2, metrics: [cpu(80)] }, { currentReplicas: 2 }),
    columns: hpaColumns,
    cells: ['x', 'Deployment/web', 'cpu: <unknown>/80%', '2', 10, 2, '3m2s'],
  },
  {
    name: 'an HPA prints the first two metrics of each kind and how many more',
    resource: hpaResource,
    object: hpa(
      {
        metrics: [
          cpu(50),
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
        ],
      },
      {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '120m' } } },
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '200Mi' } } },
        ],
      },
    ),
    columns: hpaColumns,
    cells: ['x', 'Deployment/web', 'cpu: 12%/50%, memory: 200Mi/500Mi + 1 more...', '<unset>', 10, 0, '3m2s'],
  },
  {
    name: 'an HPA on pods, object and external metrics prints each as current/target',
    resource: hpaResource,
    object: hpa(
      {
        metrics: [
          { type: 'Object', object: { metric: { name: 'rps' }, target: { type: 'Value', value: '100' } } },
          { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
        ],
      },
      { currentMetrics: [{ type: 'Object', object: { current: { value: '42' } } }] },
    ),
    columns: hpaColumns,
    cells: ['x', 'Deployment/web', '42/100, <unknown>/30 (avg)', '<unset>', 10, 0, '3m2s'],
  },
  {
    name: 'a PriorityClass prints VALUE GLOBAL-DEFAULT AGE and PREEMPTIONPOLICY, all default columns',
    resource: { group: 'scheduling.k8s.io', kind: 'PriorityClass' },
    object: obj('scheduling.k8s.io/v1', 'PriorityClass', { value: 1000, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' }, { namespace: undefined }),
    columns: ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'],
    cells: ['x', 1000, true, '3m2s', 'PreemptLowerPriority'],
  },
  {
    name: 'a LimitRange prints NAME and CREATED AT, as it has no printer in Kubernetes',
    resource: { group: '', kind: 'LimitRange' },
    object: obj('v1', 'LimitRange', { spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } }),
    columns: ['Name', 'Created At'],
    cells: ['x', '2025-01-01T11:56:58Z'],
  },
];

describe('policy printers', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
