import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const jobColumns = ['Name', 'Status', 'Completions', 'Duration', 'Age'];
const wide = ['Containers', 'Images', 'Selector'];
const template = { spec: { containers: [{ name: 'run', image: 'busybox' }] } };
const job = (spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
  obj('batch/v1', 'Job', { spec: { template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, ...spec }, status }, meta);
const jobResource = { group: 'batch', kind: 'Job' };
const jobWide = ['run', 'busybox', 'batch.kubernetes.io/controller-uid=u'];

const cases: PrinterCase[] = [
  {
    name: 'a completed Job prints Complete, succeeded/completions and the time from start to completion',
    resource: jobResource,
    object: job({ completions: 3 }, { succeeded: 3, startTime: '2025-01-01T11:57:00Z', completionTime: '2025-01-01T11:57:45Z', conditions: [{ type: 'Complete', status: 'True' }] }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Complete', '3/3', '45s', '3m2s', ...jobWide],
  },
  {
    name: 'a running Job without completions prints n/1 and the time since it started',
    resource: jobResource,
    object: job({}, { startTime: '2025-01-01T11:59:30Z' }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Running', '0/1', '30s', '3m2s', ...jobWide],
  },
  {
    name: 'a parallel Job without completions prints n/1 of its parallelism',
    resource: jobResource,
    object: job({ parallelism: 4 }, { succeeded: 1 }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Running', '1/1 of 4', '', '3m2s', ...jobWide],
  },
  {
    name: 'a failed Job prints Failed even while it is being deleted',
    resource: jobResource,
    object: job({ completions: 1 }, { conditions: [{ type: 'Failed', status: 'True' }] }, { deletionTimestamp: '2025-01-01T11:59:00Z' }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Failed', '0/1', '', '3m2s', ...jobWide],
  },
  {
    name: 'a Job being deleted prints Terminating, before Suspended',
    resource: jobResource,
    object: job({ completions: 1 }, { conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: '2025-01-01T11:59:00Z' }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Terminating', '0/1', '', '3m2s', ...jobWide],
  },
  {
    name: 'a suspended Job prints Suspended; a false condition counts for nothing',
    resource: jobResource,
    object: job({ completions: 2 }, { conditions: [{ type: 'Complete', status: 'False' }, { type: 'Suspended', status: 'True' }] }),
    columns: jobColumns,
    wide,
    cells: ['x', 'Suspended', '0/2', '', '3m2s', ...jobWide],
  },
  {
    name: 'a CronJob prints its schedule, <none> for time zone and last schedule, and <unset> for suspend',
    resource: { group: 'batch', kind: 'CronJob' },
    object: obj('batch/v1', 'CronJob', { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } }),
    columns: ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'],
    wide,
    cells: ['x', '*/5 * * * *', '<none>', '<unset>', 0, '<none>', '3m2s', 'run', 'busybox', '<none>'],
  },
  {
    name: 'a CronJob prints its time zone, suspend as False, active jobs and how long ago it last ran',
    resource: { group: 'batch', kind: 'CronJob' },
    object: obj('batch/v1', 'CronJob', {
      spec: { schedule: '0 * * * *', timeZone: 'Europe/Berlin', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ kind: 'Job', name: 'x-1' }], lastScheduleTime: '2025-01-01T11:00:00Z' },
    }),
    columns: ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'],
    wide,
    cells: ['x', '0 * * * *', 'Europe/Berlin', 'False', 1, '60m', '3m2s', 'run', 'busybox', '<none>'],
  },
];

describe('batch printers', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
