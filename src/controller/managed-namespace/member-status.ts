/**
 * Each member cluster's state for one managed namespace, from plain data: the members the
 * definition lists, the Clusters of the workspace and the BundleDeployments of the Bundle
 * that carries it.
 * - `Pending`: the member is not a Cluster of the workspace (the message says so), or its
 *   BundleDeployment is not written or not applied yet;
 * - `Placed` / `Adopted`: the agent applied the deployment asked for (Adopted when it took
 *   over an existing namespace);
 * - `Failed`: the agent could not apply it (adoption refused, with the differing fields);
 * - `Removing`: the member was dropped, or the definition deleted, and its BundleDeployment
 *   is still there while the agent applies the delete policy.
 * A member keeps its `lastTransitionTime` while its state does not change.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { ManagedNamespaceDisplay, ManagedNamespaceMemberStatus, MemberState } from '../../api/managed-namespace.js';
import type { Condition } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';

export interface MemberStatusInput {
  /** The ManagedNamespace's workspace. */
  workspace: string;
  /** Members the definition lists by name; undefined when placed by selector, group or a bundle's targets. */
  listedMembers?: readonly string[];
  /** Names of the Clusters of the workspace. */
  clusterNames: ReadonlySet<string>;
  /** The BundleDeployments of the Bundle that carries the namespace. */
  bundleDeployments: readonly BundleDeployment[];
  previous?: readonly ManagedNamespaceMemberStatus[];
  /**
   * The Content the carrying Bundle renders to now (its `flotilla.io/content-name`), when
   * every member gets that one (an `mns-` Bundle has no per-cluster customization): a
   * deployment of another Content is an older definition, still rolling out.
   */
  expectedContent?: string;
  /** RFC 3339. */
  now: string;
}

type Observed = Omit<ManagedNamespaceMemberStatus, 'clusterName' | 'lastTransitionTime'>;

/** Reasons the agent gives when it refuses to take over a namespace; the message ends with the differences. */
const ADOPTION_REFUSED = 'AdoptionRefused';
const ADOPTED_MARK = /\badopted\b/i;

function conditionOf(bd: BundleDeployment, type: string): Condition | undefined {
  return bd.status?.conditions?.find((c) => c.type === type);
}

/** The paths the agent listed after `: ` in a refusal such as "… refuses to adopt it: labels.team: …; annotations.x: …". */
export function differencesOf(message: string): string[] {
  const marker = 'refuses to adopt it: ';
  const at = message.indexOf(marker);
  if (at < 0) return [];
  return message
    .slice(at + marker.length)
    .split('; ')
    .map((d) => d.trim())
    .filter(Boolean);
}

function failureOf(installed: Condition | undefined): Observed | undefined {
  if (installed?.status !== 'False' || !installed.reason || installed.reason === 'WaitApplied') return undefined;
  const message = installed.message ?? installed.reason;
  const differences = installed.reason === ADOPTION_REFUSED ? differencesOf(message) : [];
  return { state: 'Failed', message, ...(differences.length > 0 ? { differences } : {}) };
}

function wasAdopted(installed: Condition | undefined): boolean {
  return installed?.reason === 'Adopted' || ADOPTED_MARK.test(installed?.message ?? '');
}

function contentOf(deploymentId: string): string {
  return deploymentId.split(':')[0] ?? '';
}

/** One BundleDeployment's meaning for its member. */
export function observeDeployment(bd: BundleDeployment, expectedContent?: string): Observed {
  if (bd.metadata.deletionTimestamp) return { state: 'Removing', message: 'applying the delete policy on the member' };
  const installed = conditionOf(bd, CONDITION_TYPES.Installed);
  const failure = failureOf(installed);
  if (failure) return failure;
  const deploymentId = bd.spec.deploymentID;
  if (deploymentId === undefined) return { state: 'Pending', message: 'waiting for the rollout' };
  if (expectedContent && contentOf(deploymentId) !== expectedContent) return { state: 'Pending', message: 'waiting for the rollout of the latest definition' };
  if (bd.status?.appliedDeploymentID !== deploymentId) return { state: 'Pending', message: 'waiting for the agent to apply the namespace' };
  return wasAdopted(installed) ? { state: 'Adopted', message: 'an existing namespace was adopted' } : { state: 'Placed', message: 'the namespace is in place' };
}

function clusterOf(bd: BundleDeployment): string {
  return bd.metadata.labels?.[LABELS.clusterName] ?? '';
}

function withTime(clusterName: string, observed: Observed, input: MemberStatusInput): ManagedNamespaceMemberStatus {
  const before = input.previous?.find((m) => m.clusterName === clusterName);
  const lastTransitionTime = before?.state === observed.state && before.lastTransitionTime ? before.lastTransitionTime : input.now;
  return { clusterName, ...observed, lastTransitionTime };
}

function listedMember(name: string, bd: BundleDeployment | undefined, input: MemberStatusInput): Observed {
  if (!input.clusterNames.has(name)) return { state: 'Pending', message: `${name} is not a Cluster of workspace ${input.workspace}` };
  if (!bd) return { state: 'Pending', message: 'waiting for the BundleDeployment' };
  return observeDeployment(bd, input.expectedContent);
}

export function memberStatuses(input: MemberStatusInput): ManagedNamespaceMemberStatus[] {
  const byCluster = new Map(input.bundleDeployments.map((bd) => [clusterOf(bd), bd]));
  const out = new Map<string, ManagedNamespaceMemberStatus>();
  for (const name of input.listedMembers ?? []) out.set(name, withTime(name, listedMember(name, byCluster.get(name), input), input));
  for (const [name, bd] of byCluster) {
    if (out.has(name) || name === '') continue;
    // A deployment for a member no longer listed is on its way out.
    const observed: Observed = input.listedMembers ? { state: 'Removing', message: 'the member was dropped; applying the delete policy' } : observeDeployment(bd, input.expectedContent);
    out.set(name, withTime(name, observed, input));
  }
  return [...out.values()].sort((a, b) => a.clusterName.localeCompare(b.clusterName));
}

const SEVERITY: Readonly<Record<MemberState, number>> = { Placed: 0, Adopted: 0, Pending: 1, Removing: 2, Failed: 3 };

/** The printer columns: `<placed or adopted>/<members>` and the worst state (empty when all are placed). */
export function memberDisplay(members: readonly ManagedNamespaceMemberStatus[]): ManagedNamespaceDisplay {
  const current = members.filter((m) => m.state !== 'Removing');
  const ready = current.filter((m) => SEVERITY[m.state] === 0).length;
  const worst = members.reduce<MemberState | undefined>((w, m) => (w === undefined || SEVERITY[m.state] > SEVERITY[w] ? m.state : w), undefined);
  return { readyMembers: `${ready}/${current.length}`, state: worst === undefined || SEVERITY[worst] === 0 ? '' : worst };
}
