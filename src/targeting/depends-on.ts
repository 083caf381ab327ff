/**
 * dependsOn: a bundle waits on a cluster until the bundles it names (by name, or by a label
 * selector over bundles of its own workspace) are in an accepted state there (default
 * `Ready`), as Fleet's agent checks it. Here it is a pure check the rollout consults, so a
 * held bundle shows why it waits.
 */
import { LabelSelectorError, matches, requirementsFromSelector } from '../api/label-selector.js';
import type { BundleState } from '../api/bundle-state.js';
import type { LabelSelector, Labels } from '../api/meta.js';

export interface DependsOn {
  readonly name?: string;
  readonly selector?: LabelSelector | null;
  readonly acceptedStates?: readonly BundleState[];
}

/** A bundle deployed on the cluster in question, with its state there. */
export interface BundleOnCluster {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Labels;
  readonly state: BundleState;
}

export type DependencyCheck =
  | { readonly satisfied: true }
  | { readonly satisfied: false; readonly waitingFor: readonly string[]; readonly message: string };

export interface DependsOnInput {
  readonly bundle: { readonly name: string; readonly namespace: string; readonly dependsOn?: readonly DependsOn[] };
  readonly onCluster: readonly BundleOnCluster[];
}

function describe(dep: DependsOn): string {
  return dep.name ? `bundle "${dep.name}"` : `bundles matching ${JSON.stringify(dep.selector ?? {})}`;
}

function unmet(dep: DependsOn, input: DependsOnInput): string | undefined {
  const accepted = dep.acceptedStates && dep.acceptedStates.length > 0 ? dep.acceptedStates : ['Ready'];
  const { bundle } = input;
  const sameWorkspace = input.onCluster.filter((b) => b.namespace === bundle.namespace && b.name !== bundle.name);
  let found: BundleOnCluster[];
  if (dep.name) {
    found = sameWorkspace.filter((b) => b.name === dep.name);
  } else if (dep.selector) {
    try {
      const requirements = requirementsFromSelector(dep.selector);
      found = sameWorkspace.filter((b) => matches(requirements, b.labels));
    } catch (error) {
      if (error instanceof LabelSelectorError) return `${describe(dep)}: invalid selector: ${error.message}`;
      throw error;
    }
  } else {
    return 'a dependsOn entry names neither a bundle nor a selector';
  }
  if (found.length === 0) return `${describe(dep)}: not deployed on this cluster`;
  const notAccepted = found.filter((b) => !accepted.includes(b.state));
  if (notAccepted.length === 0) return undefined;
  return notAccepted.map((b) => `bundle "${b.name}" is ${b.state}, waiting for ${accepted.join(' or ')}`).join('; ');
}

export function checkDependsOn(input: DependsOnInput): DependencyCheck {
  const waitingFor: string[] = [];
  for (const dep of input.bundle.dependsOn ?? []) {
    const problem = unmet(dep, input);
    if (problem) waitingFor.push(problem);
  }
  if (waitingFor.length === 0) return { satisfied: true };
  return { satisfied: false, waitingFor, message: `waiting for dependencies: ${waitingFor.join('; ')}` };
}
