/**
 * Aggregated ClusterRoles: a ClusterRole with an aggregationRule holds the union of the rules
 * of the ClusterRoles its selectors pick. Computed here; the server writes the result back
 * into `rules`, as kube-controller-manager's aggregation controller does, so that RBAC
 * evaluation only ever reads stored rules.
 */
import { labelSelectorMatches } from './label-selector.js';
import type { ClusterRole, PolicyRule } from './rbac-objects.js';

/**
 * Each rule's comparison key, computed once per rule object for one aggregation. Comparing
 * every new rule with every rule gathered so far, serialising both each time, was quadratic:
 * the largest cost of creating a member's logical clusters (default roles of each cluster).
 */
class RuleKeys {
  private readonly keys = new WeakMap<PolicyRule, string>();

  of(rule: PolicyRule): string {
    let key = this.keys.get(rule);
    if (key === undefined) {
      key = JSON.stringify(normalize(rule));
      this.keys.set(rule, key);
    }
    return key;
  }
}

function normalize(rule: PolicyRule): PolicyRule {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups ?? [],
    resources: rule.resources ?? [],
    resourceNames: rule.resourceNames ?? [],
    nonResourceURLs: rule.nonResourceURLs ?? [],
  };
}

function byName(a: ClusterRole, b: ClusterRole): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The rules `target` aggregates from `all`: selectors in order, the roles each picks in name
 * order, each role once, duplicate rules dropped. Undefined when `target` does not aggregate.
 */
export function aggregatedRules(target: ClusterRole, all: readonly ClusterRole[], keys = new RuleKeys()): PolicyRule[] | undefined {
  const selectors = target.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return undefined;
  const seen = new Set<string>();
  const gathered = new Set<string>();
  const rules: PolicyRule[] = [];
  for (const selector of selectors) {
    const picked = all.filter((r) => r.metadata.name !== target.metadata.name && labelSelectorMatches(selector, r.metadata.labels));
    for (const role of [...picked].sort(byName)) {
      const name = role.metadata.name ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      for (const rule of role.rules ?? []) {
        const key = keys.of(rule);
        if (gathered.has(key)) continue;
        gathered.add(key);
        rules.push(rule);
      }
    }
  }
  return rules;
}

function rulesEqual(a: readonly PolicyRule[], b: readonly PolicyRule[], keys: RuleKeys): boolean {
  return a.length === b.length && a.every((rule, i) => keys.of(rule) === keys.of(b[i] as PolicyRule));
}

/**
 * Aggregates every ClusterRole until nothing changes (`admin` gathers `edit`, which gathers
 * `view`), and returns the roles whose rules differ from what is stored: what to write back.
 */
export function aggregateClusterRoles(clusterRoles: readonly ClusterRole[]): ClusterRole[] {
  const current = new Map(clusterRoles.map((r) => [r.metadata.name ?? '', r]));
  const keys = new RuleKeys();
  // Each pass settles at least one more level of nesting; more passes than roles means a cycle.
  for (let pass = 0; pass <= current.size; pass++) {
    let changed = false;
    for (const [name, role] of current) {
      const rules = aggregatedRules(role, [...current.values()], keys);
      if (rules && !rulesEqual(rules, role.rules ?? [], keys)) {
        current.set(name, { ...role, rules });
        changed = true;
      }
    }
    if (!changed) break;
  }
  const original = new Map(clusterRoles.map((r) => [r.metadata.name ?? '', r]));
  return [...current.values()].filter((r) => r !== original.get(r.metadata.name ?? ''));
}
