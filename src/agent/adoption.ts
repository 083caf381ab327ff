/**
 * Whether the agent may place a managed namespace on its member, decided before anything is
 * written (so a refusal changes nothing there):
 * - absent → create it;
 * - carrying this definition's owner label → it is already ours, update it;
 * - carrying another definition's owner label, or another hub's `managed-by` → refused under
 *   every policy, naming the owner;
 * - present and unmanaged → the adoption policy decides: `Never` refuses; `IfIdentical`
 *   adopts only when every desired label and annotation is already there with the same value
 *   (extra keys are fine) and any quota or network policy of Flotilla's name already there
 *   matches the desired one; `Always` adopts and overwrites the desired keys (the apply is
 *   forced, since other managers own those fields), keeping keys it does not manage.
 * Flotilla's own bookkeeping keys (`flotilla.io/...`) are not part of the comparison: an
 * unmanaged namespace never has them.
 */
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS } from '../api/well-known.js';
import { ADOPTION_POLICIES, type AdoptionPolicy, canonicalJson } from '../bundle/index.js';
import { describeRef, refOf } from './object-ref.js';

export interface AdoptionInput {
  /** The Namespace manifest, carrying the owner label and the policy annotations. */
  desired: KubeObject;
  /** Desired objects of Flotilla's names inside it (its ResourceQuota, NetworkPolicy). */
  desiredChildren: readonly KubeObject[];
  /** The namespace on the member, or undefined. */
  live: KubeObject | undefined;
  /** Objects on the member with the same kind and name as `desiredChildren`. */
  liveChildren: readonly KubeObject[];
  /** This agent's hub identity: the value of `flotilla.io/managed-by` it writes. */
  hub: string;
}

export type RefusalReason = 'AdoptionNever' | 'NotIdentical' | 'ManagedByOther';

export type AdoptionDecision =
  | { action: 'create' }
  | { action: 'update' }
  | { action: 'adopt'; policy: Exclude<AdoptionPolicy, 'Never'>; force: boolean }
  | { action: 'refuse'; reason: RefusalReason; message: string; differences: string[] };

const BOOKKEEPING_PREFIX = 'flotilla.io/';

export function adoptionPolicyOf(namespace: KubeObject): AdoptionPolicy {
  const value = namespace.metadata.annotations?.[ANNOTATIONS.adoptionPolicy];
  return (ADOPTION_POLICIES as readonly string[]).includes(value ?? '') ? (value as AdoptionPolicy) : 'Never';
}

function mapDifferences(field: 'labels' | 'annotations', desired: KubeObject, live: KubeObject): string[] {
  const want = desired.metadata[field] ?? {};
  const have = live.metadata[field] ?? {};
  return Object.entries(want)
    .filter(([key, value]) => !key.startsWith(BOOKKEEPING_PREFIX) && have[key] !== value)
    .map(([key, value]) => {
      const current = have[key] === undefined ? 'absent' : JSON.stringify(have[key]);
      return `metadata.${field}.${key}: ${current} on the member, ${JSON.stringify(value)} desired`;
    });
}

/** `want` is contained in `have`: every field it sets has the same value (lists element by element). */
function contains(have: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((w, i) => contains(have[i], w));
  if (typeof want === 'object' && want !== null) {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, w]) => contains((have as Record<string, unknown>)[k], w));
  }
  return canonicalJson(have) === canonicalJson(want);
}

function childDifferences(input: AdoptionInput): string[] {
  return input.desiredChildren.flatMap((want) => {
    const have = input.liveChildren.find((c) => c.kind === want.kind && c.metadata.name === want.metadata.name);
    if (!have) return [];
    return contains(have.spec, want.spec) ? [] : [`${describeRef(refOf(want))}: spec differs from the desired one`];
  });
}

function ownerRefusal(input: AdoptionInput, live: KubeObject): AdoptionDecision | undefined {
  const name = input.desired.metadata.name ?? '';
  const owner = input.desired.metadata.labels?.[LABELS.managedNamespace];
  const liveOwner = live.metadata.labels?.[LABELS.managedNamespace];
  const liveHub = live.metadata.labels?.[LABELS.managedBy];
  if (liveHub !== undefined && liveHub !== input.hub) {
    const message = `namespace ${name} is managed by another Flotilla hub (${liveHub}); refusing to take it over`;
    return { action: 'refuse', reason: 'ManagedByOther', message, differences: [] };
  }
  if (liveOwner !== undefined && liveOwner !== owner) {
    const message = `namespace ${name} is managed by another managed namespace (${liveOwner}); refusing to take it over`;
    return { action: 'refuse', reason: 'ManagedByOther', message, differences: [] };
  }
  return undefined;
}

export function decideAdoption(input: AdoptionInput): AdoptionDecision {
  const { live } = input;
  if (!live) return { action: 'create' };
  const refusal = ownerRefusal(input, live);
  if (refusal) return refusal;
  if (live.metadata.labels?.[LABELS.managedNamespace] !== undefined) return { action: 'update' };
  const name = input.desired.metadata.name ?? '';
  const policy = adoptionPolicyOf(input.desired);
  if (policy === 'Always') return { action: 'adopt', policy, force: true };
  if (policy === 'Never') {
    const message = `namespace ${name} already exists and is not managed by Flotilla; adoptionPolicy Never refuses to adopt it`;
    return { action: 'refuse', reason: 'AdoptionNever', message, differences: [] };
  }
  const differences = [...mapDifferences('labels', input.desired, live), ...mapDifferences('annotations', input.desired, live), ...childDifferences(input)];
  if (differences.length === 0) return { action: 'adopt', policy, force: false };
  const message = `namespace ${name} already exists and differs from the definition, so adoptionPolicy IfIdentical refuses to adopt it: ${differences.join('; ')}`;
  return { action: 'refuse', reason: 'NotIdentical', message, differences };
}
