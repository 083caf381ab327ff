/**
 * The churn case's end-state check: every member holds exactly the objects the model says
 * (nothing extra, nothing missing, the right labels, quotas, policies, bindings and data),
 * and the hub agrees: each cluster namespace holds exactly the expected BundleDeployments,
 * each applied at the deploymentID it names; no BundleDeployment lacks its Bundle; each
 * GitRepo has exactly its expected Bundles at its branch's head commit; every Content named
 * exists and every Content left is named by something. `settle` polls the check until it
 * passes twice in a row (quiescence) or a deadline passes, then throws the differences.
 */
import type { Bundle } from '../../../src/api/bundle.js';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { GitRepo } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS, SYSTEM_NAMESPACE, clusterNamespaceName } from '../../../src/api/names.js';
import { parseDeploymentId } from '../../../src/bundle/index.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';
import { branchCommit } from '../../support/git-repo.js';
import { DEPLOYED_KINDS, WORKSPACE, expectedBundles, expectedGitRepoBundles, expectedMemberState, projectLive, type MemberState } from './churn-expectation.js';
import { GITREPO_NAMES, MEMBERS, type ChurnModel } from './churn-model.js';
import type { ChurnWorld } from './churn-world.js';

const stable = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Agent bookkeeping (inventories, its own namespace) is not something a bundle deployed. */
function isBookkeeping(kind: string, o: KubeObject): boolean {
  return o.metadata.namespace === SYSTEM_NAMESPACE || (kind === 'Namespace' && o.metadata.name === SYSTEM_NAMESPACE);
}

export async function readMemberState(client: ObjectClient): Promise<MemberState> {
  const out: MemberState = {};
  for (const type of DEPLOYED_KINDS) {
    const { items } = await client.listAll<KubeObject>(type, { labelSelector: LABELS.managedBy });
    for (const o of items) {
      if (isBookkeeping(type.kind, o)) continue;
      const [key, value] = projectLive(type.kind, o);
      out[key] = value;
    }
  }
  return out;
}

/** Differences between two states, one line each. */
export function diffStates(where: string, expected: MemberState, actual: MemberState): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (!(key in actual)) out.push(`${where}: missing ${key} ${stable(expected[key])}`);
    else if (!(key in expected)) out.push(`${where}: extra ${key} ${stable(actual[key])}`);
    else if (stable(expected[key]) !== stable(actual[key])) out.push(`${where}: ${key} is ${stable(actual[key])}, expected ${stable(expected[key])}`);
  }
  return out.sort();
}

async function list<T>(client: ObjectClient, kind: string, options: { namespace?: string; labelSelector?: string } = {}): Promise<T[]> {
  const apiVersion = kind === 'Namespace' ? 'v1' : API_VERSION;
  return (await client.listAll<KubeObject>({ apiVersion, kind }, options)).items as unknown as T[];
}

async function memberProblems(world: ChurnWorld, model: ChurnModel): Promise<string[]> {
  const out: string[] = [];
  for (const member of MEMBERS) {
    const client = world.members[member];
    if (client) out.push(...diffStates(member, expectedMemberState(model, member), await readMemberState(client)));
  }
  return out;
}

function deploymentProblems(member: string, model: ChurnModel, bds: readonly BundleDeployment[]): string[] {
  const out: string[] = [];
  const names = bds.map((bd) => bd.metadata.name ?? '').sort();
  const expected = expectedBundles(model, member);
  if (stable(names) !== stable(expected)) out.push(`hub: ${member} has BundleDeployments ${stable(names)}, expected ${stable(expected)}`);
  for (const bd of bds) {
    if (bd.status?.appliedDeploymentID !== bd.spec.deploymentID) out.push(`hub: ${member}/${bd.metadata.name} applied ${bd.status?.appliedDeploymentID}, wants ${bd.spec.deploymentID}`);
  }
  return out;
}

async function gitRepoProblems(world: ChurnWorld, model: ChurnModel, bundles: readonly Bundle[]): Promise<string[]> {
  const out: string[] = [];
  const gitRepos = await list<GitRepo>(world.hub, 'GitRepo', { namespace: WORKSPACE });
  for (const name of GITREPO_NAMES) {
    const names = bundles.filter((b) => b.metadata.labels?.[LABELS.repoName] === name).map((b) => b.metadata.name ?? '').sort();
    const expected = expectedGitRepoBundles(model, name);
    if (stable(names) !== stable(expected)) out.push(`hub: GitRepo ${name} has Bundles ${stable(names)}, expected ${stable(expected)}`);
    const spec = model.gitRepos.get(name);
    const live = gitRepos.find((g) => g.metadata.name === name);
    if (!spec) {
      if (live) out.push(`hub: GitRepo ${name} still exists`);
      continue;
    }
    const head = await branchCommit(world.repoPath(name), spec.branch);
    if (live?.status?.commit !== head) {
      const conditions = (live?.status?.conditions ?? []).filter((c) => c.status !== 'True' || c.type === 'Stalled').map((c) => `${c.type}=${c.status} ${c.reason ?? ''}: ${c.message ?? ''}`);
      out.push(`hub: GitRepo ${name} (generation ${live?.metadata.generation}, observed ${live?.status?.observedGeneration}) is at ${live?.status?.commit}, ${spec.branch} is at ${head}; ${conditions.join('; ')}`);
    }
  }
  return out;
}

function managedNamespaceProblems(model: ChurnModel, bundles: readonly Bundle[], hubNamespaces: readonly KubeObject[]): string[] {
  const out: string[] = [];
  const expected = [...model.mns.keys()].sort();
  const bundleNames = bundles.map((b) => b.metadata.name ?? '').filter((n) => n.startsWith('mns-')).map((n) => n.slice(4)).sort();
  if (stable(bundleNames) !== stable(expected)) out.push(`hub: managed-namespace Bundles for ${stable(bundleNames)}, expected ${stable(expected)}`);
  const onHub = hubNamespaces.filter((n) => n.metadata.labels?.[LABELS.managedNamespace] && !n.metadata.deletionTimestamp).map((n) => n.metadata.name ?? '').sort();
  if (stable(onHub) !== stable(expected)) out.push(`hub: managed namespaces on the hub ${stable(onHub)}, expected ${stable(expected)}`);
  return out;
}

function contentProblems(bundles: readonly Bundle[], bds: readonly BundleDeployment[], contents: readonly KubeObject[]): string[] {
  const out: string[] = [];
  const existing = new Set(contents.map((c) => c.metadata.name ?? ''));
  const named = new Set<string>();
  for (const b of bundles) {
    const c = b.metadata.labels?.[LABELS.contentName];
    if (c) named.add(c);
  }
  for (const bd of bds) {
    for (const id of [bd.spec.deploymentID, bd.spec.stagedDeploymentID]) if (id) named.add(parseDeploymentId(id).contentName);
    if (!bundles.some((b) => b.metadata.name === bd.metadata.name)) out.push(`hub: BundleDeployment ${bd.metadata.namespace}/${bd.metadata.name} has no Bundle`);
  }
  for (const c of named) if (!existing.has(c)) out.push(`hub: Content ${c} is named but missing`);
  for (const c of existing) if (!named.has(c)) out.push(`hub: Content ${c} is named by nothing and not collected`);
  return out;
}

/** Everything that differs from the model, one line each; empty when the world matches it. */
export async function churnProblems(world: ChurnWorld, model: ChurnModel): Promise<string[]> {
  const bundles = await list<Bundle>(world.hub, 'Bundle', { namespace: WORKSPACE });
  const allBds = await list<BundleDeployment>(world.hub, 'BundleDeployment');
  const out: string[] = [];
  for (const member of MEMBERS) {
    const ns = clusterNamespaceName(WORKSPACE, member);
    out.push(...deploymentProblems(member, model, allBds.filter((bd) => bd.metadata.namespace === ns)));
  }
  out.push(...(await gitRepoProblems(world, model, bundles)));
  out.push(...managedNamespaceProblems(model, bundles, await list<KubeObject>(world.hub, 'Namespace')));
  out.push(...contentProblems(bundles, allBds, await list<KubeObject>(world.hub, 'Content')));
  out.push(...(await memberProblems(world, model)));
  return out;
}

export interface SettleOptions {
  deadlineMs: number;
  /** How long the check must keep passing to count as settled. */
  quietMs?: number;
}

/** Waits until the world matches the model and stays so; returns the time it took, or throws the differences. */
export async function settle(world: ChurnWorld, model: ChurnModel, options: SettleOptions): Promise<number> {
  const started = Date.now();
  let passingSince: number | undefined;
  let problems: string[] = [];
  while (Date.now() - started < options.deadlineMs) {
    problems = await churnProblems(world, model);
    if (problems.length > 0) passingSince = undefined;
    else if (passingSince === undefined) passingSince = Date.now();
    else if (Date.now() - passingSince >= (options.quietMs ?? 1000)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not settled within ${options.deadlineMs} ms:\n  ${problems.slice(0, 40).join('\n  ')}${problems.length > 40 ? `\n  … ${problems.length - 40} more` : ''}`);
}
