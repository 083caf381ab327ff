/**
 * batch/v1 Job and CronJob (`kubectl create job`, `kubectl create cronjob`). Field numbers are
 * those of k8s.io/api's batch/v1/generated.proto; emptiness rules follow batch/v1/types.go.
 * The pod failure and success policies are not described and so are skipped.
 */
import { f, keep, list, OBJECT_META, type MessageRegistry } from '../field-spec.js';

export const batchV1Messages: MessageRegistry = {
  'batch.v1.Job': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'batch.v1.JobSpec'),
    3: f('status', 'batch.v1.JobStatus'),
  },
  'batch.v1.JobSpec': {
    1: f('parallelism', 'int32', keep),
    2: f('completions', 'int32', keep),
    3: f('activeDeadlineSeconds', 'int64', keep),
    7: f('backoffLimit', 'int32', keep),
    12: f('backoffLimitPerIndex', 'int32', keep),
    13: f('maxFailedIndexes', 'int32', keep),
    4: f('selector', 'meta.v1.LabelSelector'),
    5: f('manualSelector', 'bool', keep),
    6: f('template', 'core.v1.PodTemplateSpec'),
    8: f('ttlSecondsAfterFinished', 'int32', keep),
    9: f('completionMode', 'string', keep),
    10: f('suspend', 'bool', keep),
    14: f('podReplacementPolicy', 'string', keep),
    15: f('managedBy', 'string', keep),
  },
  'batch.v1.JobStatus': {
    1: f('conditions', 'batch.v1.JobCondition', list),
    2: f('startTime', 'meta.v1.Time'),
    3: f('completionTime', 'meta.v1.Time'),
    4: f('active', 'int32'),
    5: f('succeeded', 'int32'),
    6: f('failed', 'int32'),
    7: f('completedIndexes', 'string'),
  },
  'batch.v1.JobCondition': {
    1: f('type', 'string', keep),
    2: f('status', 'string', keep),
    3: f('lastProbeTime', 'meta.v1.Time'),
    4: f('lastTransitionTime', 'meta.v1.Time'),
    5: f('reason', 'string'),
    6: f('message', 'string'),
  },
  'batch.v1.CronJob': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'batch.v1.CronJobSpec'),
    3: f('status', 'batch.v1.CronJobStatus'),
  },
  'batch.v1.CronJobSpec': {
    1: f('schedule', 'string', keep),
    8: f('timeZone', 'string', keep),
    2: f('startingDeadlineSeconds', 'int64', keep),
    3: f('concurrencyPolicy', 'string'),
    4: f('suspend', 'bool', keep),
    5: f('jobTemplate', 'batch.v1.JobTemplateSpec'),
    6: f('successfulJobsHistoryLimit', 'int32', keep),
    7: f('failedJobsHistoryLimit', 'int32', keep),
  },
  'batch.v1.JobTemplateSpec': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'batch.v1.JobSpec'),
  },
  'batch.v1.CronJobStatus': {
    1: f('active', 'core.v1.ObjectReference', list),
    4: f('lastScheduleTime', 'meta.v1.Time'),
    5: f('lastSuccessfulTime', 'meta.v1.Time'),
  },
};
