/**
 * Whether an applied object is ready, by kind, with a message naming the object and the
 * reason: Deployments, StatefulSets and DaemonSets when their controller has observed the
 * latest generation and every replica is updated and available; Jobs when complete;
 * Namespaces unless terminating; CRDs once Established; any other object by its `Ready`
 * condition when it has one, and otherwise by being there. `ignore.conditions` (Fleet's
 * option) drops matching conditions before they are read.
 */
import type { Condition, KubeObject } from '../api/meta.js';
import { groupOf } from '../bundle/index.js';
import { describeRef, refOf } from './object-ref.js';

export type ReadinessState = 'Ready' | 'InProgress' | 'Failed' | 'Terminating' | 'Missing';

export interface Readiness {
  ready: boolean;
  state: ReadinessState;
  /** `Deployment app/web: 0 of 2 replicas available`; empty when ready. */
  message: string;
}

export interface ReadinessOptions {
  /** Conditions to disregard: each entry matches a condition whose fields all equal its values. */
  ignoreConditions?: readonly Readonly<Record<string, string>>[];
}

/** Why an object is not ready, or undefined when it is. */
type Verdict = { state: Exclude<ReadinessState, 'Ready' | 'Missing'>; reason: string } | undefined;

type Fields = Record<string, unknown>;

const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : fallback);
const fieldsOf = (value: unknown): Fields => (typeof value === 'object' && value !== null ? (value as Fields) : {});
const inProgress = (reason: string): Verdict => ({ state: 'InProgress', reason });

function conditionsOf(obj: KubeObject, options: ReadinessOptions): Condition[] {
  const all = fieldsOf(obj.status).conditions;
  if (!Array.isArray(all)) return [];
  const ignored = (c: Condition) =>
    (options.ignoreConditions ?? []).some((rule) => Object.entries(rule).every(([k, v]) => String((c as unknown as Fields)[k]) === v));
  return (all as Condition[]).filter((c) => !ignored(c));
}

function condition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

function conditionText(c: Condition): string {
  return [c.reason, c.message].filter(Boolean).join(': ') || `${c.type} is ${c.status}`;
}

/** The controller has not yet acted on the latest spec. */
function notObserved(obj: KubeObject): Verdict {
  const observed = fieldsOf(obj.status).observedGeneration;
  const generation = obj.metadata.generation;
  if (typeof observed !== 'number') return inProgress('waiting for the controller to observe it');
  if (typeof generation === 'number' && observed < generation) return inProgress(`generation ${generation} not yet observed (at ${observed})`);
  return undefined;
}

function deployment(obj: KubeObject, conditions: readonly Condition[]): Verdict {
  const progressing = condition(conditions, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return { state: 'Failed', reason: conditionText(progressing) };
  const pending = notObserved(obj);
  if (pending) return pending;
  const status = fieldsOf(obj.status);
  const desired = num(fieldsOf(obj.spec).replicas, 1);
  const updated = num(status.updatedReplicas);
  const total = num(status.replicas);
  const available = num(status.availableReplicas);
  if (updated < desired) return inProgress(`${updated} of ${desired} replicas updated`);
  if (total > updated) return inProgress(`${total - updated} old replicas pending termination`);
  if (available < desired) return inProgress(`${available} of ${desired} replicas available`);
  return undefined;
}

function statefulSet(obj: KubeObject): Verdict {
  const pending = notObserved(obj);
  if (pending) return pending;
  const status = fieldsOf(obj.status);
  const desired = num(fieldsOf(obj.spec).replicas, 1);
  const ready = num(status.readyReplicas);
  if (ready < desired) return inProgress(`${ready} of ${desired} replicas ready`);
  const strategy = fieldsOf(fieldsOf(obj.spec).updateStrategy).type;
  if (strategy !== 'OnDelete' && status.updateRevision !== undefined && status.currentRevision !== status.updateRevision) {
    return inProgress(`rolling update to revision ${String(status.updateRevision)} in progress`);
  }
  return undefined;
}

function daemonSet(obj: KubeObject): Verdict {
  const pending = notObserved(obj);
  if (pending) return pending;
  const status = fieldsOf(obj.status);
  const desired = num(status.desiredNumberScheduled);
  const updated = num(status.updatedNumberScheduled);
  const available = num(status.numberAvailable);
  if (updated < desired) return inProgress(`${updated} of ${desired} pods updated`);
  if (available < desired) return inProgress(`${available} of ${desired} pods available`);
  return undefined;
}

function job(obj: KubeObject, conditions: readonly Condition[]): Verdict {
  const failed = condition(conditions, 'Failed');
  if (failed?.status === 'True') return { state: 'Failed', reason: `failed: ${conditionText(failed)}` };
  if (condition(conditions, 'Complete')?.status === 'True') return undefined;
  const status = fieldsOf(obj.status);
  return inProgress(`not complete (${num(status.active)} active, ${num(status.succeeded)} succeeded)`);
}

function customResourceDefinition(conditions: readonly Condition[]): Verdict {
  const names = condition(conditions, 'NamesAccepted');
  if (names?.status === 'False') return { state: 'Failed', reason: `names not accepted: ${conditionText(names)}` };
  const established = condition(conditions, 'Established');
  return established?.status === 'True' ? undefined : inProgress('not established yet');
}

function readyCondition(conditions: readonly Condition[]): Verdict {
  const ready = condition(conditions, 'Ready');
  if (!ready || ready.status === 'True') return undefined;
  return inProgress(`Ready is ${ready.status}: ${conditionText(ready)}`);
}

function verdictOf(obj: KubeObject, conditions: readonly Condition[]): Verdict {
  const group = groupOf(obj.apiVersion);
  const kind = `${group}/${obj.kind}`;
  switch (kind) {
    case 'apps/Deployment':
      return deployment(obj, conditions);
    case 'apps/StatefulSet':
      return statefulSet(obj);
    case 'apps/DaemonSet':
      return daemonSet(obj);
    case 'batch/Job':
      return job(obj, conditions);
    case '/Namespace':
      return fieldsOf(obj.status).phase === 'Terminating' ? { state: 'Terminating', reason: 'terminating' } : undefined;
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      return customResourceDefinition(conditions);
    default:
      return readyCondition(conditions);
  }
}

/** Readiness of a live object. */
export function readinessOf(obj: KubeObject, options: ReadinessOptions = {}): Readiness {
  const described = describeRef(refOf(obj));
  if (obj.metadata.deletionTimestamp) return { ready: false, state: 'Terminating', message: `${described}: being deleted` };
  const verdict = verdictOf(obj, conditionsOf(obj, options));
  if (!verdict) return { ready: true, state: 'Ready', message: '' };
  return { ready: false, state: verdict.state, message: `${described}: ${verdict.reason}` };
}

/** Readiness of an object that is not on the member. */
export function missingReadiness(described: string): Readiness {
  return { ready: false, state: 'Missing', message: `${described}: missing` };
}
