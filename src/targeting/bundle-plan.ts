/**
 * One bundle compiled for evaluation against many clusters, and the decision for one
 * cluster. The order of checks gives each refusal its reason: first the matching target
 * (first match wins), then the bundle's `targetRestrictions`, then its GitRepo's targets,
 * then `doNotDeploy`, then options merged (target, then customizations, then what the GitRepo
 * forces) and checked against the workspace's GitRepoRestrictions.
 */
import { TemplateValuesError, hasClusterTemplates, mergeOptions, pickOptions, substituteClusterValues, type BundleOptions } from './bundle-options.js';
import { DEFAULT_GIT_TARGETS, type BundleTarget, type GitTarget, type TargetBundle } from './bundle-target.js';
import { compileMatcher, matchesCluster, readsGroups, type CompiledGroup, type CompiledMatcher } from './cluster-matcher.js';
import { optionsHash } from './options-hash.js';
import { checkGitRepo, checkOptions, combineRestrictions, type CombinedRestriction, type GitRepoCheck, type Restriction, type TargetGitRepo } from './restriction.js';
import { objectKey, type TargetCluster } from './target-cluster.js';
import { describeTarget, targetRef, type NotTargetedReason, type TargetDecision, type TargetRef } from './target-decision.js';

interface CompiledTarget {
  readonly ref: TargetRef;
  readonly matcher: CompiledMatcher;
  readonly target: BundleTarget;
}

export interface BundlePlan {
  readonly key: string;
  readonly bundle: TargetBundle;
  readonly gitRepo?: TargetGitRepo;
  readonly targets: readonly CompiledTarget[];
  /** What the bundle may reach at most; undefined when it states no restriction. */
  readonly restrictions?: readonly CompiledMatcher[];
  /** The GitRepo's targets (or ClusterGroup default), bounding bundles with their own targets. */
  readonly gitRepoBounds?: readonly CompiledMatcher[];
  readonly customizations: readonly CompiledTarget[];
  readonly gitRepoCheck?: GitRepoCheck;
  readonly combined?: CombinedRestriction;
  /** The matchers that read group membership: when there is none, a cluster's groups are never computed. */
  readonly groupMatchers: readonly CompiledMatcher[];
  /** Per (target, customizations) combination, so equal clusters share one outcome (options, hash, message). */
  readonly resolved: Map<string, ResolvedOutcome>;
}

/** What every cluster resolving one (target, customizations) combination shares. */
export interface ResolvedOutcome {
  readonly options: BundleOptions;
  readonly hash: string;
  readonly customizations: readonly TargetRef[];
  readonly message: string;
  /** Set when the workspace's GitRepoRestrictions refuse these options. */
  readonly refusal?: string;
  /** Helm values hold `${ .Cluster… }` expressions: each cluster gets its own options and hash. */
  readonly templated: boolean;
}

export interface BundlePlanInput {
  readonly bundle: TargetBundle;
  readonly gitRepo?: TargetGitRepo;
  readonly restrictions: readonly Restriction[];
}

function compileTargets(list: readonly BundleTarget[]): CompiledTarget[] {
  return list.map((target, i) => ({ ref: targetRef(i, target.name), matcher: compileMatcher(target), target }));
}

function gitTargets(gitRepo: TargetGitRepo): readonly GitTarget[] {
  return gitRepo.targets && gitRepo.targets.length > 0 ? gitRepo.targets : DEFAULT_GIT_TARGETS;
}

/** Compiles a bundle; throws LabelSelectorError when one of its selectors is invalid. */
export function compileBundlePlan(input: BundlePlanInput): BundlePlan {
  const { bundle, gitRepo } = input;
  const own = bundle.targets ?? [];
  const targets = own.length > 0 ? own : gitRepo ? gitTargets(gitRepo) : [];
  const combined = combineRestrictions(input.restrictions, bundle.namespace);
  const compiled = compileTargets(targets);
  const restrictions = bundle.targetRestrictions && bundle.targetRestrictions.length > 0 ? bundle.targetRestrictions.map(compileMatcher) : undefined;
  const gitRepoBounds = gitRepo && own.length > 0 ? gitTargets(gitRepo).map(compileMatcher) : undefined;
  const customizations = compileTargets(bundle.targetCustomizations ?? []);
  const matchers = [...compiled.map((t) => t.matcher), ...(restrictions ?? []), ...(gitRepoBounds ?? []), ...customizations.map((c) => c.matcher)];
  return {
    key: objectKey(bundle),
    bundle,
    ...(gitRepo ? { gitRepo, gitRepoCheck: checkGitRepo(gitRepo, input.restrictions) } : {}),
    targets: compiled,
    ...(restrictions ? { restrictions } : {}),
    ...(gitRepoBounds ? { gitRepoBounds } : {}),
    customizations,
    ...(combined ? { combined } : {}),
    groupMatchers: matchers.filter(readsGroups),
    resolved: new Map(),
  };
}

function refuse(plan: BundlePlan, cluster: string, reason: NotTargetedReason, message: string, target?: TargetRef): TargetDecision {
  return { targeted: false, bundle: plan.key, cluster, reason, message, ...(target ? { target } : {}) };
}

/**
 * What a GitRepo forces: its own service account and target namespace (as `namespace`) win
 * over the bundle and its customizations (they are the tenant's security boundary); a
 * restriction's default service account only fills in when nobody named one, and its
 * namespace selector goes to the agent, which checks the namespace's labels on the member.
 */
function forced(plan: BundlePlan, options: BundleOptions): BundleOptions {
  const serviceAccount = plan.gitRepo?.serviceAccount || options.serviceAccount || plan.combined?.defaultServiceAccount;
  const namespace = plan.gitRepo?.targetNamespace || options.namespace;
  const allowedTargetNamespaceSelector = plan.combined?.allowedTargetNamespaceSelector ?? options.allowedTargetNamespaceSelector;
  return {
    ...options,
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(namespace ? { namespace } : {}),
    ...(allowedTargetNamespaceSelector ? { allowedTargetNamespaceSelector } : {}),
  };
}

function resolveOptions(plan: BundlePlan, target: CompiledTarget, customizations: readonly CompiledTarget[]): ResolvedOutcome {
  const key = customizations.length === 0 ? String(target.ref.index) : [target.ref.index, ...customizations.map((c) => c.ref.index)].join(',');
  const cached = plan.resolved.get(key);
  if (cached) return cached;
  // The bundle's own `labels` are its metadata labels (read by mappings and dependsOn), not
  // labels to deploy: leaving them out keeps a relabelled bundle from redeploying everywhere.
  // Its `namespace` is the workspace it lives in; the fleet.yaml `namespace` option (force
  // every object into one namespace) travels as `optionsNamespace`.
  const { labels: _metadata, namespace: _workspace, ...picked } = pickOptions(plan.bundle);
  const bundleOptions: BundleOptions = plan.bundle.optionsNamespace ? { ...picked, namespace: plan.bundle.optionsNamespace } : picked;
  let options = mergeOptions(bundleOptions, pickOptions(target.target));
  for (const c of customizations) options = mergeOptions(options, pickOptions(c.target));
  options = Object.freeze(forced(plan, options));
  const refusal = checkOptions(options, plan.combined);
  const using = customizations.length > 0 ? ` with ${customizations.map((c) => describeTarget('customization', c.ref)).join(', ')}` : '';
  const entry: ResolvedOutcome = {
    options,
    hash: optionsHash(options),
    customizations: Object.freeze(customizations.map((c) => c.ref)),
    message: `${describeTarget('target', target.ref)} matches${using}`,
    templated: hasClusterTemplates(options),
    ...(refusal ? { refusal: `${refusal.field}: ${refusal.message}` } : {}),
  };
  plan.resolved.set(key, entry);
  return entry;
}

function matchingCustomizations(plan: BundlePlan, cluster: TargetCluster, groups: readonly CompiledGroup[]): CompiledTarget[] {
  const all = plan.bundle.targetCustomizationMode === 'AllMatches';
  const found: CompiledTarget[] = [];
  for (const c of plan.customizations) {
    if (!matchesCluster(c.matcher, cluster, groups)) continue;
    found.push(c);
    if (!all) break;
  }
  return found;
}

function gitRepoRefusal(plan: BundlePlan, key: string): TargetDecision | undefined {
  if (!plan.gitRepoCheck || plan.gitRepoCheck.allowed) return undefined;
  const { refusal } = plan.gitRepoCheck;
  return refuse(plan, key, 'RestrictedByGitRepoRestriction', `GitRepo ${plan.gitRepo?.name} is refused: ${refusal.field}: ${refusal.message}`);
}

/** The decision once the target and customizations are chosen and the cluster passed the bounds. */
function decideChosen(plan: BundlePlan, key: string, chosen: CompiledTarget, customizations: readonly CompiledTarget[], cluster?: TargetCluster): TargetDecision {
  const skipping = customizations.find((c) => c.target.doNotDeploy);
  if (skipping) return refuse(plan, key, 'DoNotDeploy', `${describeTarget('customization', skipping.ref)} sets doNotDeploy`, chosen.ref);
  const outcome = resolveOptions(plan, chosen, customizations);
  if (outcome.refusal) return refuse(plan, key, 'RestrictedByGitRepoRestriction', outcome.refusal, chosen.ref);
  const { options, hash, message } = outcome.templated && cluster ? forCluster(outcome, cluster) : outcome;
  return {
    targeted: true,
    bundle: plan.key,
    cluster: key,
    target: chosen.ref,
    customizations: outcome.customizations,
    options,
    optionsHash: hash,
    message,
  };
}

/**
 * The outcome's options with the cluster's values substituted into Helm values. A cluster
 * lacking a value an expression names keeps the values as written and says so: refusing it
 * would delete what is deployed there.
 */
function forCluster(outcome: ResolvedOutcome, cluster: TargetCluster): { options: BundleOptions; hash: string; message: string } {
  try {
    const options = Object.freeze(substituteClusterValues(outcome.options, cluster));
    return { options, hash: optionsHash(options), message: outcome.message };
  } catch (error) {
    if (!(error instanceof TemplateValuesError)) throw error;
    return { options: outcome.options, hash: outcome.hash, message: `${outcome.message}; helm values left as written: ${error.message}` };
  }
}

/**
 * The decision for one cluster of a reachable workspace, given the groups it belongs to (read
 * only when `plan.groupMatchers` is not empty; groups none of them accepts may be left out).
 * `key` is the cluster's `namespace/name` when the caller has it. A targeted decision shares
 * everything but its cluster key with the other clusters that resolved the same target and
 * customizations.
 */
export function decideCluster(plan: BundlePlan, cluster: TargetCluster, groups: readonly CompiledGroup[], key: string = objectKey(cluster)): TargetDecision {
  const refusedRepo = gitRepoRefusal(plan, key);
  if (refusedRepo) return refusedRepo;
  const chosen = plan.targets.find((t) => matchesCluster(t.matcher, cluster, groups));
  if (!chosen) return refuse(plan, key, 'NoTargetMatched', plan.targets.length === 0 ? 'the bundle has no targets' : 'no target matches the cluster');
  const refused = bounded(plan, cluster, groups, chosen);
  if (refused) return refuse(plan, key, refused.reason, refused.message, chosen.ref);
  return decideChosen(plan, key, chosen, matchingCustomizations(plan, cluster, groups), cluster);
}

/**
 * The decision for a cluster the plan's first target is known to select (the index found it
 * through that target), when nothing else depends on the cluster: no targetRestrictions, no
 * GitRepo bounds, no customizations. First match wins, so that target is chosen, and every
 * such cluster gets the same decision; undefined when the cluster must be decided in full.
 * Equal to `decideCluster` for those clusters (a test checks it), without reading labels or groups.
 */
export function decideFirstTargetMatch(plan: BundlePlan, key: string): TargetDecision | undefined {
  const chosen = plan.targets[0];
  if (!chosen || plan.restrictions || plan.gitRepoBounds || plan.customizations.length > 0) return undefined;
  // Per-cluster Helm values need the cluster itself.
  if (hasClusterTemplates(plan.bundle) || hasClusterTemplates(chosen.target)) return undefined;
  const refusedRepo = gitRepoRefusal(plan, key);
  if (refusedRepo) return refusedRepo;
  if (chosen.target.doNotDeploy) return refuse(plan, key, 'DoNotDeploy', `${describeTarget('target', chosen.ref)} sets doNotDeploy`, chosen.ref);
  return decideChosen(plan, key, chosen, []);
}

/** Why a cluster the chosen target matched is refused by the bundle's bounds or the target itself, if it is. */
function bounded(plan: BundlePlan, cluster: TargetCluster, groups: readonly CompiledGroup[], chosen: CompiledTarget): { reason: NotTargetedReason; message: string } | undefined {
  const what = describeTarget('target', chosen.ref);
  if (plan.restrictions && !plan.restrictions.some((m) => matchesCluster(m, cluster, groups)))
    return { reason: 'RestrictedByTargetRestrictions', message: `${what} matches, but no targetRestriction of the bundle allows the cluster` };
  if (plan.gitRepoBounds && !plan.gitRepoBounds.some((m) => matchesCluster(m, cluster, groups)))
    return { reason: 'RestrictedByGitRepoTargets', message: `${what} matches, but no target of GitRepo ${plan.gitRepo?.name} allows the cluster` };
  if (chosen.target.doNotDeploy) return { reason: 'DoNotDeploy', message: `${what} sets doNotDeploy` };
  return undefined;
}

/** Every matcher of the plan that can select a cluster, for candidate lookup in an index. */
export function planMatchers(plan: BundlePlan): readonly CompiledMatcher[] {
  return plan.targets.map((t) => t.matcher);
}
