/**
 * meta/v1 LabelSelector matching, needed here to pick the ClusterRoles an aggregationRule
 * gathers. An empty selector matches everything, as in Kubernetes.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../api/meta.js';

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return !has || value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

export function labelSelectorMatches(selector: LabelSelector, labels: Labels = {}): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}
