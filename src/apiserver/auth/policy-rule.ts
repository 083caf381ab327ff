/**
 * Whether one PolicyRule allows one request, with Kubernetes' matching semantics: `*` for
 * verbs, groups and resources, `*\/<subresource>` and `<resource>/<subresource>` forms,
 * resourceNames that only match named requests, and nonResourceURLs with a trailing `*`.
 */
import type { PolicyRule } from './rbac-objects.js';
import type { RequestAttributes } from './request-info.js';

const all = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === all || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === all || g === group);
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some((r) => {
    if (r === all || r === combined) return true;
    return subresource !== '' && r === `${all}/${subresource}`;
  });
}

/** A rule naming objects never matches a request without a name (list, create, deletecollection). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => {
    if (u === all || u === path) return true;
    return u.endsWith(all) && path.startsWith(u.slice(0, -1));
  });
}

/** Whether the rule allows the request described by the attributes. */
export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.isResourceRequest) return nonResourceURLMatches(rule, attrs.path);
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return (
    apiGroupMatches(rule, attrs.apiGroup) &&
    resourceMatches(rule, combined, attrs.subresource) &&
    resourceNameMatches(rule, attrs.name)
  );
}
