/**
 * meta/v1 LabelSelector matching for aggregationRule's clusterRoleSelectors, on the one
 * selector implementation of src/api. An invalid stored selector gathers nothing rather
 * than stopping aggregation for every role.
 */
import { LabelSelectorError, selectorMatches } from '../../api/label-selector.js';
import type { LabelSelector, Labels } from '../../api/meta.js';

export function labelSelectorMatches(selector: LabelSelector, labels: Labels = {}): boolean {
  try {
    return selectorMatches(selector, labels);
  } catch (err) {
    if (err instanceof LabelSelectorError) return false;
    throw err;
  }
}
