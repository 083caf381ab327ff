/**
 * One object's `modifiedStatus` entry, as Rancher Fleet reports it: `missing` when it is
 * gone from the member, `delete` when it is still there although the bundle no longer holds
 * it, and `patch` (a JSON merge patch from live to expected) when a field the agent owns was
 * changed. `fields` names the paths that differ, so a message can say what changed. A
 * Secret's entry has no `patch`: its values would be the Secret's data.
 */
import type { ComparePatch } from '../api/bundle-options.js';
import type { ModifiedStatus } from '../api/bundle-summary.js';
import type { KubeObject } from '../api/meta.js';
import { canonicalJson } from '../bundle/index.js';
import { comparePatchesFor, ignoresWholeObject, normalizeForCompare } from './compare-patches.js';
import { type FieldsV1, fieldDifferences, mergePatchFor } from './field-drift.js';
import type { AppliedObjectRef } from './object-ref.js';

export interface ObjectDriftInput {
  ref: AppliedObjectRef;
  /** What the agent applies: its last apply's answer from the server, or the manifest. */
  expected: KubeObject;
  /** The object on the member; undefined when it does not exist. */
  live: KubeObject | undefined;
  /** The agent's FieldsV1 set for the object. */
  owned: FieldsV1;
  comparePatches?: readonly ComparePatch[];
}

function refFields(ref: AppliedObjectRef): ModifiedStatus {
  const entry: ModifiedStatus = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
  if (ref.namespace) entry.namespace = ref.namespace;
  return entry;
}

/** The object's entry, or undefined when it exists and no owned field differs. */
export function objectDrift(input: ObjectDriftInput): ModifiedStatus | undefined {
  if (!input.live) return { ...refFields(input.ref), missing: true };
  const patches = comparePatchesFor(input.comparePatches, input.ref);
  if (ignoresWholeObject(patches)) return undefined;
  const expected = normalizeForCompare(input.expected, patches);
  const live = normalizeForCompare(input.live, patches);
  const differences = fieldDifferences(expected, live, input.owned);
  if (differences.length === 0) return undefined;
  const fields = differences.map((d) => d.path);
  // The patch holds the desired values: for a Secret those are its data, which status (read
  // by anyone who may read BundleDeployments, and copied up to Bundles) must never carry.
  if (isSecret(input.ref)) return { ...refFields(input.ref), fields };
  return { ...refFields(input.ref), patch: canonicalJson(mergePatchFor(expected, differences)), fields };
}

function isSecret(ref: AppliedObjectRef): boolean {
  return ref.kind === 'Secret' && ref.apiVersion === 'v1';
}

/** The entry of an object still on the member that the bundle no longer holds. */
export function orphanDrift(ref: AppliedObjectRef): ModifiedStatus {
  return { ...refFields(ref), delete: true };
}

/** `ConfigMap app/cfg: data.key changed`, `Deployment app/web: missing`, for condition messages. */
export function describeModified(entry: ModifiedStatus): string {
  const name = `${entry.kind ?? ''} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name ?? ''}`;
  if (entry.missing) return `${name}: missing`;
  if (entry.delete) return `${name}: no longer in the bundle`;
  return `${name}: ${(entry.fields ?? []).join(', ') || 'modified'} changed`;
}
