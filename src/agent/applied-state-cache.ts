/**
 * What the agent expects of each object it applied: the server's answer to its last apply
 * (values as the server stores them) and the agent's FieldsV1 set in it. Drift is judged
 * against this record rather than the live managedFields alone, because a hand edit moves
 * the edited field's ownership away from the agent: the live set would no longer show the
 * very field that drifted. After a restart the record is rebuilt with a dry-run apply, which
 * writes nothing. Entries are keyed by object and valid only for the same manifest and uid.
 */
import type { KubeObject } from '../api/meta.js';
import { canonicalJson } from '../bundle/index.js';
import { type FieldsV1, ownedFieldsOf } from './field-drift.js';
import { type AppliedObjectRef, refKey, refOf } from './object-ref.js';

export interface ExpectedState {
  expected: KubeObject;
  owned: FieldsV1;
}

interface Entry extends ExpectedState {
  manifest: string;
  uid: string | undefined;
}

export class AppliedStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly fieldManager: string) {}

  /** Records the server's answer to applying `manifest`. */
  record(manifest: KubeObject, answer: KubeObject): ExpectedState {
    // The owned set is taken from the answer's managedFields, which are then not kept: drift is
    // judged on owned fields (never managedFields itself), and every agent holds one entry per object.
    const { managedFields: _owners, ...metadata } = answer.metadata;
    const entry: Entry = { manifest: canonicalJson(manifest), uid: answer.metadata.uid, expected: { ...answer, metadata }, owned: ownedFieldsOf(answer, this.fieldManager) ?? {} };
    this.entries.set(refKey(refOf(manifest)), entry);
    return entry;
  }

  /** The record for `manifest` on the live object, if one was made for this very manifest and object. */
  lookup(manifest: KubeObject, live: KubeObject): ExpectedState | undefined {
    const entry = this.entries.get(refKey(refOf(manifest)));
    if (!entry || entry.manifest !== canonicalJson(manifest) || entry.uid !== live.metadata.uid) return undefined;
    return entry;
  }

  /** Whether `seen` is this very version of the object the agent's last apply answered with (a watch echoing the agent's own write). */
  isOwnWrite(ref: AppliedObjectRef, seen: KubeObject): boolean {
    const entry = this.entries.get(refKey(ref));
    const version = entry?.expected.metadata.resourceVersion;
    return version !== undefined && version === seen.metadata.resourceVersion && entry?.uid === seen.metadata.uid;
  }

  forget(manifest: KubeObject): void {
    this.entries.delete(refKey(refOf(manifest)));
  }
}
