/**
 * The churn case's desired state and the random operations that change it, as plain data
 * and pure functions: what ManagedNamespaces and GitRepos should exist, with which spec, and
 * what each git repository's branches hold. The driver applies an operation to the hub or
 * to git and, only when that write succeeded, to this model too, so at the end the model is
 * the hub's intended state, computed independently of the controllers.
 */
import type { ChurnRandom } from './churn-random.js';

export const MEMBERS = ['m1', 'm2', 'm3'] as const;
export const MNS_NAMES = ['churn-a', 'churn-b', 'churn-c', 'churn-d', 'churn-e', 'churn-f'] as const;
export const GITREPO_NAMES = ['gr-0', 'gr-1', 'gr-2', 'gr-3'] as const;
export const BRANCHES = ['main', 'alt'] as const;
export const PATHS = ['a', 'b', 'c'] as const;
const CONFIG_KEYS = ['k0', 'k1', 'k2'] as const;
const TIERS = ['gold', 'silver', 'bronze'] as const;
const INGRESS = ['AllowAll', 'DenyAll', 'AllowSameNamespace'] as const;
const QUOTAS = [
  { cpuRequests: '500m', cpuLimits: '1' },
  { cpuRequests: '1', cpuLimits: '2', memoryLimits: '1Gi' },
] as const;
/** Role assignments a definition may carry; each becomes a RoleBinding on the member. */
export const ASSIGNMENTS = [
  { role: 'Reader', kind: 'Group', name: 'readers' },
  { role: 'Writer', kind: 'User', name: 'wendy' },
] as const;

export type Branch = (typeof BRANCHES)[number];
export type Quota = Readonly<Record<string, string>>;

export interface MnsModel {
  /** Always the same keys, so a kept-then-adopted namespace has no stale key to explain. */
  labels: { tier: string; gen: string };
  note: string;
  quota?: Quota;
  ingress?: (typeof INGRESS)[number];
  deletePolicy: 'Keep' | 'Delete';
  assignments: number[];
  members: string[];
}

export interface GitRepoModel {
  branch: Branch;
  paths: string[];
  members: string[];
}

/** A branch's tree: path → ConfigMap key → value (a path with no ConfigMap is absent). */
export type Tree = Record<string, Record<string, string>>;

export interface ChurnModel {
  mns: Map<string, MnsModel>;
  gitRepos: Map<string, GitRepoModel>;
  /** `<gitrepo name>` (its repository `<name>.git`) → branch → tree. */
  trees: Map<string, Record<Branch, Tree>>;
  /** Counter for values, so every change is a change. */
  serial: number;
}

export type ChurnOp =
  | { kind: 'mns-create' | 'mns-update'; name: string; spec: MnsModel }
  | { kind: 'mns-delete'; name: string }
  | { kind: 'gitrepo-create' | 'gitrepo-update'; name: string; spec: GitRepoModel }
  | { kind: 'gitrepo-delete'; name: string }
  | { kind: 'git-commit'; repo: string; branch: Branch; tree: Tree };

export function initialModel(): ChurnModel {
  const trees = new Map<string, Record<Branch, Tree>>();
  for (const repo of GITREPO_NAMES) {
    trees.set(repo, { main: { a: { k0: 'v0' }, b: { k0: 'v0' } }, alt: { a: { k1: 'alt0' }, c: { k0: 'alt0' } } });
  }
  return { mns: new Map(), gitRepos: new Map(), trees, serial: 1 };
}

function value(model: ChurnModel): string {
  model.serial += 1;
  return `v${model.serial}`;
}

function randomMns(model: ChurnModel, rng: ChurnRandom): MnsModel {
  const spec: MnsModel = {
    labels: { tier: rng.pick(TIERS), gen: value(model) },
    note: value(model),
    deletePolicy: rng.chance(0.5) ? 'Keep' : 'Delete',
    assignments: rng.subset(ASSIGNMENTS.map((_, i) => i)),
    members: rng.subset(MEMBERS, 1),
  };
  if (rng.chance(0.5)) spec.quota = rng.pick(QUOTAS);
  if (rng.chance(0.5)) spec.ingress = rng.pick(INGRESS);
  return spec;
}

/** One field or two of an existing definition changed; often only the members. */
function changedMns(model: ChurnModel, rng: ChurnRandom, old: MnsModel): MnsModel {
  const spec: MnsModel = { ...old, labels: { ...old.labels } };
  const change = rng.int(6);
  if (change === 0) spec.labels = { tier: rng.pick(TIERS), gen: value(model) };
  if (change === 1) spec.members = rng.subset(MEMBERS, 1);
  if (change === 2) spec.deletePolicy = spec.deletePolicy === 'Keep' ? 'Delete' : 'Keep';
  if (change === 3) spec.assignments = rng.subset(ASSIGNMENTS.map((_, i) => i));
  if (change === 4) {
    if (rng.chance(0.5)) delete spec.quota;
    else spec.quota = rng.pick(QUOTAS);
  }
  if (change === 5) {
    spec.note = value(model);
    if (rng.chance(0.5)) delete spec.ingress;
    else spec.ingress = rng.pick(INGRESS);
  }
  return spec;
}

function randomGitRepo(rng: ChurnRandom): GitRepoModel {
  return { branch: rng.pick(BRANCHES), paths: rng.subset(PATHS, 1), members: rng.subset(MEMBERS, 1) };
}

function changedGitRepo(rng: ChurnRandom, old: GitRepoModel): GitRepoModel {
  const change = rng.int(3);
  if (change === 0) return { ...old, branch: old.branch === 'main' ? 'alt' : 'main' };
  if (change === 1) return { ...old, paths: rng.subset(PATHS, 1) };
  return { ...old, members: rng.subset(MEMBERS, 1) };
}

/** A commit's new tree: a value changed, a ConfigMap added or removed, a path added or emptied. */
function changedTree(model: ChurnModel, rng: ChurnRandom, old: Tree): Tree {
  const tree: Tree = Object.fromEntries(Object.entries(old).map(([p, cms]) => [p, { ...cms }]));
  const path = rng.pick(PATHS);
  const cms = tree[path] ?? {};
  const key = rng.pick(CONFIG_KEYS);
  if (cms[key] !== undefined && rng.chance(0.3)) delete cms[key];
  else cms[key] = value(model);
  if (rng.chance(0.1)) tree[path] = {};
  else tree[path] = cms;
  if (Object.keys(tree[path] ?? {}).length === 0) delete tree[path];
  return tree;
}

/** The next random operation for the current desired state. */
export function nextOp(model: ChurnModel, rng: ChurnRandom): ChurnOp {
  const family = rng.int(3);
  if (family === 0) {
    const name = rng.pick(MNS_NAMES);
    const old = model.mns.get(name);
    if (!old) return { kind: 'mns-create', name, spec: randomMns(model, rng) };
    return rng.chance(0.25) ? { kind: 'mns-delete', name } : { kind: 'mns-update', name, spec: changedMns(model, rng, old) };
  }
  if (family === 1) {
    const name = rng.pick(GITREPO_NAMES);
    const old = model.gitRepos.get(name);
    if (!old) return { kind: 'gitrepo-create', name, spec: randomGitRepo(rng) };
    return rng.chance(0.25) ? { kind: 'gitrepo-delete', name } : { kind: 'gitrepo-update', name, spec: changedGitRepo(rng, old) };
  }
  const repo = rng.pick(GITREPO_NAMES);
  const branch = rng.pick(BRANCHES);
  const trees = model.trees.get(repo);
  return { kind: 'git-commit', repo, branch, tree: changedTree(model, rng, trees?.[branch] ?? {}) };
}

/** Records an operation that the hub or git accepted. */
export function applyToModel(model: ChurnModel, op: ChurnOp): void {
  switch (op.kind) {
    case 'mns-create':
    case 'mns-update':
      model.mns.set(op.name, op.spec);
      return;
    case 'mns-delete':
      model.mns.delete(op.name);
      return;
    case 'gitrepo-create':
    case 'gitrepo-update':
      model.gitRepos.set(op.name, op.spec);
      return;
    case 'gitrepo-delete':
      model.gitRepos.delete(op.name);
      return;
    case 'git-commit': {
      const trees = model.trees.get(op.repo);
      if (trees) trees[op.branch] = op.tree;
    }
  }
}

/** One line per operation, for the replay log printed on failure. */
export function describeOp(op: ChurnOp): string {
  if (op.kind === 'git-commit') return `git-commit ${op.repo}@${op.branch} ${JSON.stringify(op.tree)}`;
  if ('spec' in op) return `${op.kind} ${op.name} ${JSON.stringify(op.spec)}`;
  return `${op.kind} ${op.name}`;
}
