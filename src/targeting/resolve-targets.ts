/**
 * resolveTargets: for bundles, which clusters they reach and with which options, and for the
 * clusters they do not reach, why. Pure: the controller passes what its caches hold and
 * writes the result.
 *
 * Tenancy: a bundle only sees clusters of its own workspace and of the workspaces its
 * BundleNamespaceMappings open. Two bundles of one name from different workspaces cannot
 * both deploy to one cluster (their BundleDeployments would share a name there): the
 * bundle of the cluster's own workspace keeps it, else the older one, else the one whose
 * workspace sorts first; the other is refused for that cluster naming both. Only bundles
 * passed together are compared, so the controller passes a bundle with its namesakes.
 *
 * A bundle whose selectors are invalid, or whose GitRepo is missing from the input, gets an
 * `error` and no decisions: the controller must then keep what is deployed, never delete it.
 */
import { LabelSelectorError } from '../api/label-selector.js';
import type { TargetBundle } from './bundle-target.js';
import { compileBundlePlan, decideCluster, decideFirstTargetMatch, planMatchers, type BundlePlan } from './bundle-plan.js';
import { ClusterIndex } from './cluster-index.js';
import { compileGroup, groupContains, groupMatches, type CompiledGroup } from './cluster-matcher.js';
import { reachableWorkspaces, type NamespaceMapping } from './namespace-mapping.js';
import type { Restriction, TargetGitRepo } from './restriction.js';
import { objectKey, type TargetCluster, type TargetGroup, type WorkspaceNamespace } from './target-cluster.js';
import type { TargetDecision, TargetedDecision } from './target-decision.js';

export interface ResolveTargetsInput {
  readonly bundles: readonly TargetBundle[];
  /** A plain list, or the index the controller keeps (candidates are then found by set intersection). */
  readonly clusters: readonly TargetCluster[] | ClusterIndex;
  readonly groups?: readonly TargetGroup[];
  readonly namespaces?: readonly WorkspaceNamespace[];
  readonly mappings?: readonly NamespaceMapping[];
  readonly gitRepos?: readonly TargetGitRepo[];
  readonly restrictions?: readonly Restriction[];
  /** Also decide for clusters no target matches and clusters of workspaces the bundle cannot see. */
  readonly explain?: boolean;
}

export type ResolutionErrorReason = 'InvalidSelector' | 'GitRepoNotFound';

export interface BundleResolution {
  readonly bundle: string;
  /** The workspaces the bundle's targets were evaluated in: its own first. */
  readonly workspaces: readonly string[];
  readonly decisions: readonly TargetDecision[];
  /** Set when the bundle could not be resolved; decisions are then empty. */
  readonly error?: { readonly reason: ResolutionErrorReason; readonly message: string };
  /** Problems that did not stop resolution (an invalid mapping or group selector). */
  readonly warnings: readonly string[];
}

interface Context {
  readonly input: ResolveTargetsInput;
  readonly groupsByNamespace: ReadonlyMap<string, readonly CompiledGroup[]>;
  readonly allGroups: readonly CompiledGroup[];
  readonly warnings: readonly string[];
}

function compileGroups(groups: readonly TargetGroup[]): { byNamespace: Map<string, CompiledGroup[]>; all: CompiledGroup[]; warnings: string[] } {
  const byNamespace = new Map<string, CompiledGroup[]>();
  const all: CompiledGroup[] = [];
  const warnings: string[] = [];
  for (const group of groups) {
    let compiled: CompiledGroup;
    try {
      compiled = compileGroup(group);
    } catch (error) {
      if (!(error instanceof LabelSelectorError)) throw error;
      warnings.push(`ClusterGroup ${objectKey(group)} selects no cluster: ${error.message}`);
      compiled = { name: group.name, namespace: group.namespace, labels: group.labels };
    }
    all.push(compiled);
    byNamespace.set(group.namespace, [...(byNamespace.get(group.namespace) ?? []), compiled]);
  }
  return { byNamespace, all, warnings };
}

const NO_GROUPS: readonly CompiledGroup[] = Object.freeze([]);

/**
 * Decides every cluster a plan's targets can select. Through the index, the candidates come
 * from set lookups and a cluster's groups from the groups' member sets; over a plain list
 * (the nested loop the bench compares with), every visible cluster is evaluated and its
 * groups by their selectors. Either way a cluster's groups are computed only when one of the
 * bundle's matchers reads groups. Through the index, the clusters the first target selects
 * are not evaluated again when nothing else about them matters (decideFirstTargetMatch).
 */
function decideCandidates(ctx: Context, plan: BundlePlan, workspaces: readonly string[]): TargetDecision[] {
  const source = ctx.input.clusters;
  if (!(source instanceof ClusterIndex)) {
    const visible = new Set(workspaces);
    return source
      .filter((c) => visible.has(c.namespace))
      .map((c) => decideCluster(plan, c, plan.groupMatchers.length > 0 ? (ctx.groupsByNamespace.get(c.namespace) ?? NO_GROUPS).filter((g) => groupContains(g, c)) : NO_GROUPS));
  }
  const options = { namespaces: workspaces, groups: ctx.allGroups };
  const [first, ...later] = planMatchers(plan);
  if (!first) return [];
  const groupsOf = plan.groupMatchers.length > 0 ? groupsFromMembers(ctx, plan, source) : () => NO_GROUPS;
  const decide = (key: string): TargetDecision => {
    const cluster = source.get(key) as TargetCluster;
    return decideCluster(plan, cluster, groupsOf(key, cluster.namespace), key);
  };
  // The first target's clusters are decided without reading them when nothing else depends on the cluster (the common case).
  const firstKeys = source.candidateKeys(first, options);
  const decisions = firstKeys.map((key) => decideFirstTargetMatch(plan, key) ?? decide(key));
  if (later.length === 0) return decisions;
  const decided = new Set(firstKeys);
  for (const m of later) {
    for (const key of source.candidateKeys(m, options)) {
      if (decided.has(key)) continue;
      decided.add(key);
      decisions.push(decide(key));
    }
  }
  return decisions;
}

/**
 * A cluster's groups, from the groups' member sets, each looked up once per namespace. Only
 * groups some matcher of the plan accepts (by name or group labels) are looked at: the
 * others cannot change a decision.
 */
function groupsFromMembers(ctx: Context, plan: BundlePlan, index: ClusterIndex): (key: string, namespace: string) => readonly CompiledGroup[] {
  const byNamespace = new Map<string, { group: CompiledGroup; members: ReadonlySet<string> }[]>();
  const relevant = (g: CompiledGroup): boolean => plan.groupMatchers.some((m) => groupMatches(m, g));
  return (key, namespace) => {
    let sets = byNamespace.get(namespace);
    if (!sets) {
      const groups = (ctx.groupsByNamespace.get(namespace) ?? NO_GROUPS).filter(relevant);
      byNamespace.set(namespace, (sets = groups.map((group) => ({ group, members: index.membersOf(group) }))));
    }
    const found: CompiledGroup[] = [];
    for (const s of sets) if (s.members.has(key)) found.push(s.group);
    return found;
  };
}

function allClusters(source: ResolveTargetsInput['clusters']): Iterable<TargetCluster> {
  return source instanceof ClusterIndex ? source.all() : source;
}

function unseen(ctx: Context, plan: BundlePlan, workspaces: readonly string[], decided: ReadonlySet<string>): TargetDecision[] {
  const visible = new Set(workspaces);
  const result: TargetDecision[] = [];
  for (const c of allClusters(ctx.input.clusters)) {
    const key = objectKey(c);
    if (decided.has(key)) continue;
    result.push(
      visible.has(c.namespace)
        ? { targeted: false, bundle: plan.key, cluster: key, reason: 'NoTargetMatched', message: 'no target matches the cluster' }
        : {
            targeted: false,
            bundle: plan.key,
            cluster: key,
            reason: 'NoNamespaceMapping',
            message: `the cluster is in workspace ${c.namespace} and no BundleNamespaceMapping of ${plan.bundle.namespace} opens it to the bundle`,
          },
    );
  }
  return result;
}

function resolveBundle(ctx: Context, bundle: TargetBundle): BundleResolution {
  const key = objectKey(bundle);
  const { input } = ctx;
  const reach = reachableWorkspaces({ bundle, mappings: input.mappings ?? [], namespaces: input.namespaces ?? [] });
  const warnings = [...ctx.warnings, ...reach.invalid.map((i) => `BundleNamespaceMapping ${i.mapping} is ignored: ${i.message}`)];
  const base = { bundle: key, workspaces: reach.workspaces, warnings };
  const gitRepo = bundle.gitRepoName ? input.gitRepos?.find((g) => g.namespace === bundle.namespace && g.name === bundle.gitRepoName) : undefined;
  if (bundle.gitRepoName && !gitRepo)
    return { ...base, decisions: [], error: { reason: 'GitRepoNotFound', message: `GitRepo ${bundle.namespace}/${bundle.gitRepoName} is not known` } };
  let plan: BundlePlan;
  try {
    plan = compileBundlePlan({ bundle, ...(gitRepo ? { gitRepo } : {}), restrictions: input.restrictions ?? [] });
  } catch (error) {
    if (!(error instanceof LabelSelectorError)) throw error;
    return { ...base, decisions: [], error: { reason: 'InvalidSelector', message: error.message } };
  }
  const decisions = decideCandidates(ctx, plan, reach.workspaces).filter((d) => input.explain || d.targeted || d.reason !== 'NoTargetMatched');
  if (input.explain) decisions.push(...unseen(ctx, plan, reach.workspaces, new Set(decisions.map((d) => d.cluster))));
  return { ...base, decisions };
}

interface Claim {
  readonly bundle: TargetBundle;
  readonly decision: TargetedDecision;
  readonly resolution: number;
  readonly position: number;
}

/** Lower sorts first: the cluster's own workspace, then the older bundle, then the workspace name. */
function claimOrder(clusterNamespace: string) {
  return (a: Claim, b: Claim): number => {
    const own = Number(b.bundle.namespace === clusterNamespace) - Number(a.bundle.namespace === clusterNamespace);
    if (own !== 0) return own;
    const at = a.bundle.creationTimestamp ?? '\uffff';
    const bt = b.bundle.creationTimestamp ?? '\uffff';
    if (at !== bt) return at < bt ? -1 : 1;
    return a.bundle.namespace.localeCompare(b.bundle.namespace);
  };
}

/** Positions of the bundles that share their name with another bundle of the input. */
function namesakePositions(bundles: readonly TargetBundle[]): Set<number> {
  const byName = new Map<string, number[]>();
  bundles.forEach((b, i) => byName.set(b.name, [...(byName.get(b.name) ?? []), i]));
  return new Set([...byName.values()].filter((list) => list.length > 1).flat());
}

function refuseDuplicates(bundles: readonly TargetBundle[], resolutions: BundleResolution[]): void {
  const shared = namesakePositions(bundles);
  if (shared.size === 0) return;
  const claims = new Map<string, Claim[]>();
  resolutions.forEach((r, resolution) => {
    if (!shared.has(resolution)) return;
    const bundle = bundles[resolution] as TargetBundle;
    r.decisions.forEach((decision, position) => {
      if (!decision.targeted) return;
      const at = `${decision.cluster}\u0000${bundle.name}`;
      claims.set(at, [...(claims.get(at) ?? []), { bundle, decision, resolution, position }]);
    });
  });
  for (const list of claims.values()) {
    if (list.length < 2) continue;
    const clusterNamespace = (list[0] as Claim).decision.cluster.split('/')[0] ?? '';
    const [winner, ...losers] = [...list].sort(claimOrder(clusterNamespace));
    for (const loser of losers) {
      const decisions = resolutions[loser.resolution]?.decisions as TargetDecision[];
      decisions[loser.position] = {
        targeted: false,
        bundle: loser.decision.bundle,
        cluster: loser.decision.cluster,
        reason: 'DuplicateBundleName',
        target: loser.decision.target,
        message: `bundle ${loser.decision.bundle} is refused on cluster ${loser.decision.cluster}: bundle ${winner?.decision.bundle} of the same name already reaches it`,
      };
    }
  }
}

export function resolveTargets(input: ResolveTargetsInput): BundleResolution[] {
  const groups = compileGroups(input.groups ?? []);
  const ctx: Context = { input, groupsByNamespace: groups.byNamespace, allGroups: groups.all, warnings: groups.warnings };
  const resolutions = input.bundles.map((b) => resolveBundle(ctx, b));
  refuseDuplicates(input.bundles, resolutions);
  return resolutions;
}

/** The decision for one bundle and one cluster (`flotilla bundle why`), with every reason spelled out. */
export function explainTarget(
  input: Omit<ResolveTargetsInput, 'explain'> & { readonly bundle: string; readonly cluster: string },
): TargetDecision | { readonly error: NonNullable<BundleResolution['error']> } | undefined {
  // One pair depends only on that cluster and on the bundle's namesakes (duplicate names), so only those are evaluated.
  const name = input.bundles.find((b) => objectKey(b) === input.bundle)?.name;
  const bundles = input.bundles.filter((b) => b.name === name);
  const cluster = input.clusters instanceof ClusterIndex ? input.clusters.get(input.cluster) : input.clusters.find((c) => objectKey(c) === input.cluster);
  const resolutions = resolveTargets({ ...input, bundles, clusters: cluster ? [cluster] : [], explain: true });
  const resolution = resolutions[bundles.findIndex((b) => objectKey(b) === input.bundle)];
  if (!resolution) return undefined;
  if (resolution.error) return { error: resolution.error };
  return resolution.decisions.find((d) => d.cluster === input.cluster);
}
