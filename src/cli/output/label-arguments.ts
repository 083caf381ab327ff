/**
 * Labels and selectors typed on the command line, checked before anything reaches the hub:
 * `--selector env=prod,tier in (web,api)` becomes a LabelSelector object, and
 * `cluster label NAME env=prod old-` becomes labels to set and keys to remove. Every error
 * names the flag or argument and what is wrong with it.
 */
import { labelKeyProblems, labelValueProblems, LabelSelectorError, parseLabelSelector, type Requirement } from '../../api/label-selector.js';
import type { LabelSelector, LabelSelectorRequirement } from '../../api/meta.js';

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

function addRequirement(selector: Required<LabelSelector>, r: Requirement, where: string): void {
  const single = r.values.length === 1 ? r.values[0] : undefined;
  if (r.operator === 'In' && single !== undefined) {
    if (selector.matchLabels[r.key] !== undefined && selector.matchLabels[r.key] !== single) throw new ArgumentError(`${where}: ${r.key} cannot equal both ${selector.matchLabels[r.key]} and ${single}`);
    selector.matchLabels[r.key] = single;
    return;
  }
  if (r.operator === 'Gt' || r.operator === 'Lt') throw new ArgumentError(`${where}: ${r.key} ${r.operator === 'Gt' ? '>' : '<'}: a cluster selector supports =, !=, in, notin, exists and !key only`);
  const expression: LabelSelectorRequirement = { key: r.key, operator: r.operator, ...(r.values.length ? { values: [...r.values] } : {}) };
  selector.matchExpressions.push(expression);
}

/**
 * One LabelSelector from several `--flag value` occurrences, all of which must hold. No
 * values at all is undefined (the flag was not given), not the empty selector.
 */
export function selectorFromArguments(values: readonly string[], flag: string): LabelSelector | undefined {
  if (!values.length) return undefined;
  const selector: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  for (const text of values) {
    const where = `${flag} ${text}`;
    let requirements: Requirement[];
    try {
      requirements = parseLabelSelector(text);
    } catch (err) {
      throw new ArgumentError(`${where}: ${err instanceof LabelSelectorError ? err.message : String(err)}`, { cause: err });
    }
    for (const r of requirements) addRequirement(selector, r, where);
  }
  return {
    ...(Object.keys(selector.matchLabels).length ? { matchLabels: selector.matchLabels } : {}),
    ...(selector.matchExpressions.length ? { matchExpressions: selector.matchExpressions } : {}),
  };
}

export interface LabelChanges {
  set: Record<string, string>;
  remove: string[];
}

function checkKey(key: string, argument: string): void {
  const problems = labelKeyProblems(key);
  if (problems.length) throw new ArgumentError(`${argument}: invalid label key "${key}": ${problems.join('; ')}`);
}

/** `k=v` sets a label, `k-` removes it, as `kubectl label` reads its arguments. */
export function labelChangesFromArguments(args: readonly string[]): LabelChanges {
  if (!args.length) throw new ArgumentError('give at least one label: key=value to set, key- to remove');
  const changes: LabelChanges = { set: {}, remove: [] };
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0 && arg.endsWith('-')) {
      const key = arg.slice(0, -1);
      checkKey(key, arg);
      changes.remove.push(key);
      continue;
    }
    if (eq < 0) throw new ArgumentError(`${arg}: expected key=value to set a label or key- to remove one`);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    checkKey(key, arg);
    const problems = labelValueProblems(value);
    if (problems.length) throw new ArgumentError(`${arg}: invalid label value "${value}": ${problems.join('; ')}`);
    if (changes.remove.includes(key) || key in changes.set) throw new ArgumentError(`${arg}: label ${key} is given more than once`);
    changes.set[key] = value;
  }
  for (const key of changes.remove) if (key in changes.set) throw new ArgumentError(`${key}-: label ${key} is both set and removed`);
  return changes;
}
