/**
 * Where a demo rollout stands, decided from plain hub objects: per member cluster how many
 * of its BundleDeployments are applied and how many Ready, and whether everything the demo
 * waits for is done — the GitRepo synced without error, every cluster's bundles applied at
 * their current deployment, every managed namespace Placed (or Adopted) on every member it
 * names. Applied, not Ready, is the bar for bundles: the demo's members are logical
 * clusters that run no pods, so a Deployment there is applied but never available; such
 * bundles are listed in `notReady` with the agent's reason rather than hidden. When not
 * done, `waitingFor` says which object and which condition holds it up.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { BundleState } from '../../api/bundle-state.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { GitRepo } from '../../api/git-repo.js';
import type { ManagedNamespace, MemberState } from '../../api/managed-namespace.js';
import type { Condition } from '../../api/meta.js';
import { deploymentMessage, deploymentState } from '../../controller/status/index.js';

export interface RolloutInput {
  /** The member Cluster names the demo joined, in display order. */
  clusters: readonly string[];
  /** The GitRepos the demo created, each by name with what the hub holds (undefined: gone). */
  gitRepos: ReadonlyArray<{ name: string; object: GitRepo | undefined }>;
  /** Each BundleDeployment with the Cluster whose namespace holds it. */
  deployments: ReadonlyArray<{ cluster: string; deployment: BundleDeployment }>;
  managedNamespaces: readonly ManagedNamespace[];
}

export interface BundleNote {
  bundle: string;
  state: BundleState;
  message: string;
}

export interface ClusterProgress {
  cluster: string;
  /** BundleDeployments applied at their current deployment (Ready or not). */
  applied: number;
  ready: number;
  total: number;
  /** The first bundle not applied yet, with its state and the agent's message. */
  blocked?: BundleNote;
  /** Applied bundles whose objects are not ready, with the agent's reason. */
  notReady: BundleNote[];
}

export interface RolloutState {
  clusters: ClusterProgress[];
  /** Managed namespaces Placed or Adopted on all their members, of all. */
  namespaces: { ready: number; total: number };
  done: boolean;
  /** Problems that need the user to act (a Stalled GitRepo): waiting longer will not help. */
  stalled: string[];
  /** Why it is not done yet: one sentence per object holding it up. */
  waitingFor: string[];
}

const READY_MEMBER_STATES: readonly MemberState[] = ['Placed', 'Adopted'];
/** States of a BundleDeployment whose current deployment the agent has applied. */
const APPLIED_STATES: readonly BundleState[] = ['Ready', 'NotReady', 'Modified'];

function conditionText(kind: string, name: string, condition: Condition | undefined, type: string): string {
  if (!condition) return `${kind} ${name}: no ${type} condition yet`;
  const detail = [condition.reason, condition.message].filter(Boolean).join(': ');
  return `${kind} ${name}: condition ${type} is ${condition.status}${detail ? ` (${detail})` : ''}`;
}

function gitRepoWaits(entry: { name: string; object: GitRepo | undefined }): string[] {
  const gitRepo = entry.object;
  if (!gitRepo) return [`GitRepo ${entry.name}: not found on the hub`];
  const name = `${gitRepo.metadata.namespace ?? ''}/${gitRepo.metadata.name ?? ''}`;
  const conditions = gitRepo.status?.conditions ?? [];
  const stalled = conditions.find((c) => c.type === CONDITION_TYPES.Stalled && c.status === 'True');
  if (stalled) return [conditionText('GitRepo', name, stalled, CONDITION_TYPES.Stalled)];
  const polling = conditions.find((c) => c.type === CONDITION_TYPES.GitPolling);
  if (polling?.status === 'False') return [conditionText('GitRepo', name, polling, CONDITION_TYPES.GitPolling)];
  return gitRepo.status?.commit ? [] : [`GitRepo ${name}: no commit fetched yet`];
}

function clusterProgress(cluster: string, deployments: RolloutInput['deployments']): ClusterProgress {
  const mine = deployments.filter((d) => d.cluster === cluster).map((d) => d.deployment);
  const notes = mine.map((bd) => ({ bundle: bd.metadata.name ?? '', state: deploymentState(bd), message: deploymentMessage(bd) }));
  const applied = notes.filter((n) => APPLIED_STATES.includes(n.state));
  const blocked = notes.find((n) => !APPLIED_STATES.includes(n.state));
  return {
    cluster,
    applied: applied.length,
    ready: notes.filter((n) => n.state === 'Ready').length,
    total: notes.length,
    ...(blocked ? { blocked } : {}),
    notReady: applied.filter((n) => n.state !== 'Ready'),
  };
}

function clusterWaits(progress: ClusterProgress): string[] {
  if (progress.total === 0) return [`Cluster ${progress.cluster}: no BundleDeployment yet`];
  const { blocked } = progress;
  if (!blocked) return [];
  return [`Cluster ${progress.cluster}: BundleDeployment ${blocked.bundle} is ${blocked.state}${blocked.message ? ` (${blocked.message})` : ''}`];
}

function namespaceWaits(mns: ManagedNamespace): string[] {
  const name = `${mns.metadata.namespace ?? ''}/${mns.metadata.name ?? ''}`;
  const members = mns.status?.members ?? [];
  if (members.length === 0) return [`ManagedNamespace ${name}: not placed on any member yet`];
  return members
    .filter((m) => !READY_MEMBER_STATES.includes(m.state))
    .map((m) => `ManagedNamespace ${name} on ${m.clusterName}: ${m.state}${m.message ? ` (${m.message})` : ''}`);
}

function isStalled(gitRepo: GitRepo | undefined): boolean {
  return (gitRepo?.status?.conditions ?? []).some((c) => c.type === CONDITION_TYPES.Stalled && c.status === 'True');
}

export function rolloutState(input: RolloutInput): RolloutState {
  const clusters = input.clusters.map((c) => clusterProgress(c, input.deployments));
  const perNamespace = input.managedNamespaces.map((mns) => namespaceWaits(mns));
  const waitingFor = [
    ...input.gitRepos.flatMap(gitRepoWaits),
    ...clusters.flatMap(clusterWaits),
    ...(input.managedNamespaces.length === 0 ? ['ManagedNamespace: none yet (the examples’ fleet.yaml managedNamespaces are mirrored as ManagedNamespaces)'] : []),
    ...perNamespace.flat(),
  ];
  return {
    clusters,
    namespaces: { ready: perNamespace.filter((w) => w.length === 0).length, total: perNamespace.length },
    done: waitingFor.length === 0,
    stalled: input.gitRepos.filter((g) => isStalled(g.object)).flatMap(gitRepoWaits),
    waitingFor,
  };
}
