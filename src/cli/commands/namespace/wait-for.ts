/**
 * `flotilla namespace wait NAME --for placed|deleted [--timeout 5m]`, for scripts: polls the
 * hub until the ManagedNamespace's status describes its current generation and says it is
 * placed on every member (or, with `deleted`, until it is gone), or fails when the timeout
 * passes, saying which members are not there yet.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Duration } from '../../../api/duration.js';
import type { ManagedNamespace } from '../../../api/managed-namespace.js';
import type { Condition } from '../../../api/meta.js';
import type { ObjectClient } from '../../../kube/object-client.js';
import { ArgumentError } from '../../output/label-arguments.js';
import { enumFlag } from './namespace-flags.js';
import { findManagedNamespace, type NamespaceRef } from './managed-namespace-store.js';

export const WAIT_TARGETS = ['Placed', 'Deleted'] as const;
export type WaitTarget = (typeof WAIT_TARGETS)[number];

const POLL_MS = 250;

export function parseWaitFlags(flags: { for: string; timeout: string }): { target: WaitTarget; timeout: Duration } {
  const target = enumFlag('--for', flags.for, WAIT_TARGETS);
  try {
    return { target, timeout: Duration.parse(flags.timeout) };
  } catch (err) {
    throw new ArgumentError(`--timeout ${flags.timeout}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

type Progress = { done: true } | { done: false; why: string; stalled?: boolean };

function conditionOf(mns: ManagedNamespace, type: string): Condition | undefined {
  return mns.status?.conditions?.find((c) => c.type === type);
}

/** The status describes the spec as it is now (the controller has seen the latest change). */
function isCurrent(mns: ManagedNamespace, placed: Condition | undefined): boolean {
  const generation = mns.metadata.generation;
  return generation === undefined || (mns.status?.observedGeneration === generation && placed?.observedGeneration === generation);
}

function placedProgress(mns: ManagedNamespace): Progress {
  const placed = conditionOf(mns, 'Placed');
  if (!isCurrent(mns, placed)) return { done: false, why: 'the controller has not processed the latest definition yet' };
  if (placed?.status === 'True') return { done: true };
  // A refused definition will not be placed until the user changes it: waiting longer is pointless.
  const accepted = conditionOf(mns, 'Accepted');
  if (accepted?.status === 'False') return { done: false, why: `the definition is not accepted: ${accepted.message || accepted.reason || 'refused'}`, stalled: true };
  return { done: false, why: placed?.message || 'not placed yet' };
}

/** Whether the ManagedNamespace (undefined: gone) has reached the target; otherwise why not. */
export function waitProgress(mns: ManagedNamespace | undefined, target: WaitTarget): Progress {
  if (target === 'Deleted') return mns ? { done: false, why: mns.metadata.deletionTimestamp ? 'still being removed' : 'still exists' } : { done: true };
  return mns ? placedProgress(mns) : { done: false, why: 'not found' };
}

export async function waitFor(client: ObjectClient, ref: NamespaceRef, options: { target: WaitTarget; timeout: Duration; now: () => Date; signal?: AbortSignal }): Promise<void> {
  const deadline = options.now().getTime() + options.timeout.toMilliseconds();
  for (;;) {
    const progress = waitProgress(await findManagedNamespace(client, ref), options.target);
    if (progress.done) return;
    if (progress.stalled) throw new Error(`ManagedNamespace "${ref.name}" will not be ${options.target.toLowerCase()}: ${progress.why}`);
    if (options.now().getTime() >= deadline) {
      throw new Error(`timed out after ${options.timeout.toString()} waiting for ManagedNamespace "${ref.name}" to be ${options.target.toLowerCase()}: ${progress.why}`);
    }
    await sleep(POLL_MS, undefined, options.signal ? { signal: options.signal } : {});
  }
}
