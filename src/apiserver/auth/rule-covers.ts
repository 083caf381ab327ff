/**
 * Whether a set of rules covers another, as Kubernetes' RBAC validation `Covers` decides:
 * each requested rule is broken down into single (group, resource, verb, name) or
 * (URL, verb) rules, and each of those must be covered by one owned rule.
 */
import type { PolicyRule } from './rbac-objects.js';

const all = '*';

/** One rule per group × resource × verb (× name), and per non-resource URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const names: (string | undefined)[] = rule.resourceNames?.length ? rule.resourceNames : [undefined];
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  for (const [group, resource] of groups.flatMap((g) => resources.map((r) => [g, r] as const))) {
    for (const [verb, name] of rule.verbs.flatMap((v) => names.map((n) => [v, n] as const))) {
      const sub: PolicyRule = { apiGroups: [group], resources: [resource], verbs: [verb] };
      if (name !== undefined) sub.resourceNames = [name];
      out.push(sub);
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function hasAll(set: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((w) => set.includes(w));
}

function resourcesCover(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(all) || hasAll(owned, wanted)) return true;
  return wanted.every((path) => {
    if (owned.includes(path)) return true;
    const slash = path.indexOf('/');
    // Only `*/<subresource>` widens an exact match, and only for subresources.
    return slash >= 0 && owned.includes(`${all}/${path.slice(slash + 1)}`);
  });
}

function urlCovers(owned: string, wanted: string): boolean {
  if (owned === wanted) return true;
  return owned.endsWith(all) && wanted.startsWith(owned.replace(/\*+$/, ''));
}

function urlsCover(owned: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((w) => owned.some((o) => urlCovers(o, w)));
}

function namesCover(owner: PolicyRule, sub: PolicyRule): boolean {
  const ownedNames = owner.resourceNames ?? [];
  const wantedNames = sub.resourceNames ?? [];
  if (wantedNames.length === 0) return ownedNames.length === 0;
  return ownedNames.length === 0 || hasAll(ownedNames, wantedNames);
}

/** Whether one owned rule grants everything one (broken-down) rule asks for. */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = owner.verbs.includes(all) || hasAll(owner.verbs, sub.verbs);
  const groups = (owner.apiGroups ?? []).includes(all) || hasAll(owner.apiGroups ?? [], sub.apiGroups ?? []);
  return (
    verbs &&
    groups &&
    resourcesCover(owner.resources ?? [], sub.resources ?? []) &&
    urlsCover(owner.nonResourceURLs ?? [], sub.nonResourceURLs ?? []) &&
    namesCover(owner, sub)
  );
}

export interface CoverResult {
  covers: boolean;
  /** The broken-down rules no owned rule covers. */
  uncovered: PolicyRule[];
}

export function covers(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): CoverResult {
  const uncovered: PolicyRule[] = [];
  for (const servant of servantRules) {
    for (const sub of breakdownRule(servant)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, sub))) uncovered.push(sub);
    }
  }
  return { covers: uncovered.length === 0, uncovered };
}
