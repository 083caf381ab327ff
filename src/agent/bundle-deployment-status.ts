/**
 * The BundleDeployment status an agent reports, computed from what one deploy or check
 * found: whether the deploymentID was applied, each object's readiness and drift. Field
 * names and meanings are Rancher Fleet's (`appliedDeploymentID`, `ready`, `nonModified`,
 * conditions `Installed`, `Deployed`, `Ready`, `Monitored`, capped detail lists); messages
 * name the objects and the reason. A condition keeps its `lastTransitionTime` while its
 * status does not change, so re-reporting the same state does not look like a transition.
 */
import type { BundleDeploymentStatus } from '../api/bundle-deployment.js';
import { type BundleState } from '../api/bundle-state.js';
import { MAX_NON_READY_DETAILS, type ModifiedStatus, type NonReadyStatus } from '../api/bundle-summary.js';
import { CONDITION_TYPES } from '../api/conditions.js';
import type { Condition, KubeObject } from '../api/meta.js';
import { describeModified } from './modified-status.js';
import type { AppliedObjectRef } from './object-ref.js';
import type { Readiness } from './readiness.js';

export interface ObservedObject {
  ref: AppliedObjectRef;
  /** The live object, when it exists. */
  live: KubeObject | undefined;
  readiness: Readiness;
}

export interface ApplyFailure {
  /** A CamelCase reason, e.g. `ApplyFailed`, `AdoptionRefused`, `ContentInvalid`. */
  reason: string;
  message: string;
}

export interface StatusInput {
  /** The BundleDeployment's `spec.deploymentID`. */
  deploymentID: string | undefined;
  /** The deploymentID is applied (now or by an earlier deploy). */
  applied: boolean;
  failure?: ApplyFailure;
  objects: readonly ObservedObject[];
  modified: readonly ModifiedStatus[];
  /** Why readiness and drift could not be checked, if they could not. */
  monitorFailure?: string;
  previous?: BundleDeploymentStatus;
  generation?: number;
  /** RFC 3339 time used for condition transitions. */
  now: string;
  /** Managed namespaces this deployment adopted (they existed before it), for the hub's member status. */
  adopted?: readonly string[];
}

function condition(input: StatusInput, type: string, ok: boolean, reason: string, message: string): Condition {
  const status = ok ? 'True' : 'False';
  const before = input.previous?.conditions?.find((c) => c.type === type);
  const lastTransitionTime = before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : input.now;
  const c: Condition = { type, status, reason, message, lastTransitionTime, lastUpdateTime: input.now };
  if (input.generation !== undefined) c.observedGeneration = input.generation;
  return c;
}

/** `NotReady(3) [a; b; c]`, listing the first few, as Fleet's Ready message does. */
function summarise(label: string, messages: readonly string[]): string {
  if (messages.length === 0) return '';
  const shown = messages.slice(0, MAX_NON_READY_DETAILS).join('; ');
  return `${label}(${messages.length}) [${shown}${messages.length > MAX_NON_READY_DETAILS ? '; …' : ''}]`;
}

function nonReadyEntry(o: ObservedObject): NonReadyStatus {
  const entry: NonReadyStatus = {
    apiVersion: o.ref.apiVersion,
    kind: o.ref.kind,
    name: o.ref.name,
    summary: { state: o.readiness.state, error: o.readiness.state === 'Failed', transitioning: o.readiness.state === 'InProgress', message: [o.readiness.message] },
  };
  if (o.ref.namespace) entry.namespace = o.ref.namespace;
  if (o.live?.metadata.uid) entry.uid = o.live.metadata.uid;
  return entry;
}

function stateOf(input: StatusInput, ready: boolean): BundleState {
  if (!input.applied) return input.failure ? 'ErrApplied' : 'WaitApplied';
  if (!ready) return 'NotReady';
  return input.modified.length > 0 ? 'Modified' : 'Ready';
}

/**
 * Ready needs the deploymentID applied, every object ready, and the check itself to have
 * worked: when the member could not be read (its API server down), nothing is known to be
 * ready, so the last good answer is not repeated as if it were current.
 */
function isReady(input: StatusInput, notReady: readonly ObservedObject[]): boolean {
  return input.applied && notReady.length === 0 && input.monitorFailure === undefined;
}

function readyCause(input: StatusInput, notReady: readonly ObservedObject[]): { reason: string; message: string } {
  const listed = summarise('NotReady', notReady.map((o) => o.readiness.message));
  if (!input.applied) return input.failure ? { reason: 'ErrApplied', message: input.failure.message } : { reason: 'WaitApplied', message: listed };
  if (input.monitorFailure !== undefined) return { reason: 'MonitorFailed', message: input.monitorFailure };
  return { reason: notReady.length > 0 ? 'NotReady' : 'Ready', message: listed };
}

function conditionsOf(input: StatusInput, notReady: readonly ObservedObject[]): Condition[] {
  const failure = input.failure;
  const adopted = input.adopted ?? [];
  const applyMessage = failure
    ? failure.message
    : `applied ${input.objects.length} objects${adopted.length ? `; adopted namespace ${adopted.join(', ')}` : ''}`;
  const appliedReason = adopted.length ? 'Adopted' : 'Applied';
  const { reason: readyReason, message: readyMessage } = readyCause(input, notReady);
  const monitorMessage = input.monitorFailure ?? summarise('Modified', input.modified.map(describeModified));
  return [
    condition(input, CONDITION_TYPES.Installed, input.applied, input.applied ? appliedReason : (failure?.reason ?? 'WaitApplied'), applyMessage),
    condition(input, CONDITION_TYPES.Deployed, input.applied, input.applied ? 'Deployed' : (failure?.reason ?? 'WaitApplied'), input.applied ? `deployment ${input.deploymentID ?? ''} applied` : applyMessage),
    condition(input, CONDITION_TYPES.Ready, isReady(input, notReady), readyReason, readyMessage),
    condition(input, CONDITION_TYPES.Monitored, input.monitorFailure === undefined, input.monitorFailure ? 'MonitorFailed' : input.modified.length > 0 ? 'Modified' : 'NonModified', monitorMessage),
  ];
}

export function bundleDeploymentStatus(input: StatusInput): BundleDeploymentStatus {
  const notReady = input.objects.filter((o) => !o.readiness.ready);
  const ready = isReady(input, notReady);
  const count = (pred: (m: ModifiedStatus) => boolean) => input.modified.filter(pred).length;
  const status: BundleDeploymentStatus = {
    conditions: conditionsOf(input, notReady),
    ready,
    nonModified: input.modified.length === 0,
    nonReadyStatus: notReady.slice(0, MAX_NON_READY_DETAILS).map(nonReadyEntry),
    modifiedStatus: input.modified.slice(0, MAX_NON_READY_DETAILS).map((m) => ({ ...m })),
    incompleteState: notReady.length > MAX_NON_READY_DETAILS || input.modified.length > MAX_NON_READY_DETAILS,
    display: {
      deployed: input.applied ? 'Yes' : `Error: ${input.failure?.message ?? 'not applied yet'}`,
      monitored: input.monitorFailure ? 'No' : 'Yes',
      state: stateOf(input, ready),
    },
    resources: input.objects.map((o) => ({ ...o.ref, ...(o.live?.metadata.creationTimestamp ? { createdAt: o.live.metadata.creationTimestamp } : {}) })),
    resourceCounts: {
      desiredReady: input.objects.length,
      ready: input.objects.length - notReady.length,
      notReady: notReady.filter((o) => o.live !== undefined).length,
      missing: count((m) => m.missing === true),
      modified: count((m) => m.patch !== undefined),
      orphaned: count((m) => m.delete === true),
      waitApplied: input.applied ? 0 : input.objects.length,
      unknown: 0,
    },
  };
  const applied = input.applied ? input.deploymentID : input.previous?.appliedDeploymentID;
  if (applied !== undefined) status.appliedDeploymentID = applied;
  return status;
}
