/**
 * One bundle compiled for evaluation against many clusters, and the decision for one
 * cluster. The order of checks gives each refusal its reason: first the matching target
 * (first match wins), then the bundle's `targetRestrictions`, then its GitRepo's targets,
 * then `doNotDeploy`, then options merged (target, then customizations, then what the GitRepo
 * forces) and checked against the workspace's GitRepoRestrictions.
 */
import { mergeOptions, pickOptions, type BundleOptions } from './bundle-options.js';
import { DEFAULT_GIT_TARGETS, type BundleTarget, type GitTarget, type TargetBundle } from './bundle-target.js';
import { compileMatcher, matchesCluster, type CompiledGroup, type CompiledMatcher } from './cluster-matcher.js';
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
  /** Options per (target, customizations) combination, so equal clusters share one object and hash. */
  readonly resolved: Map<string, { readonly options: BundleOptions; readonly hash: string }>;
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
  return {
    key: objectKey(bundle),
    bundle,
    ...(gitRepo ? { gitRepo, gitRepoCheck: checkGitRepo(gitRepo, input.restrictions) } : {}),
    targets: compileTargets(targets),
    ...(bundle.targetRestrictions && bundle.targetRestrictions.length > 0 ? { restrictions: bundle.targetRestrictions.map(compileMatcher) } : {}),
    ...(gitRepo && own.length > 0 ? { gitRepoBounds: gitTargets(gitRepo).map(compileMatcher) } : {}),
    customizations: compileTargets(bundle.targetCustomizations ?? []),
    ...(combined ? { combined } : {}),
    resolved: new Map(),
  };
}

function refuse(plan: BundlePlan, cluster: TargetCluster, reason: NotTargetedReason, message: string, target?: TargetRef): TargetDecision {
  return { targeted: false, bundle: plan.key, cluster: objectKey(cluster), reason, message, ...(target ? { target } : {}) };
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

function resolveOptions(plan: BundlePlan, target: CompiledTarget, customizations: readonly CompiledTarget[]): { options: BundleOptions; hash: string } {
  const key = [target.ref.index, ...customizations.map((c) => c.ref.index)].join(',');
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
  const entry = { options, hash: optionsHash(options) };
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

/** The decision for one cluster of a reachable workspace, given the groups it belongs to. */
export function decideCluster(plan: BundlePlan, cluster: TargetCluster, groups: readonly CompiledGroup[]): TargetDecision {
  if (plan.gitRepoCheck && !plan.gitRepoCheck.allowed)
    return refuse(plan, cluster, 'RestrictedByGitRepoRestriction', `GitRepo ${plan.gitRepo?.name} is refused: ${plan.gitRepoCheck.refusal.field}: ${plan.gitRepoCheck.refusal.message}`);
  const chosen = plan.targets.find((t) => matchesCluster(t.matcher, cluster, groups));
  if (!chosen) return refuse(plan, cluster, 'NoTargetMatched', plan.targets.length === 0 ? 'the bundle has no targets' : 'no target matches the cluster');
  const what = describeTarget('target', chosen.ref);
  if (plan.restrictions && !plan.restrictions.some((m) => matchesCluster(m, cluster, groups)))
    return refuse(plan, cluster, 'RestrictedByTargetRestrictions', `${what} matches, but no targetRestriction of the bundle allows the cluster`, chosen.ref);
  if (plan.gitRepoBounds && !plan.gitRepoBounds.some((m) => matchesCluster(m, cluster, groups)))
    return refuse(plan, cluster, 'RestrictedByGitRepoTargets', `${what} matches, but no target of GitRepo ${plan.gitRepo?.name} allows the cluster`, chosen.ref);
  if (chosen.target.doNotDeploy) return refuse(plan, cluster, 'DoNotDeploy', `${what} sets doNotDeploy`, chosen.ref);
  const customizations = matchingCustomizations(plan, cluster, groups);
  const skipping = customizations.find((c) => c.target.doNotDeploy);
  if (skipping) return refuse(plan, cluster, 'DoNotDeploy', `${describeTarget('customization', skipping.ref)} sets doNotDeploy`, chosen.ref);
  const { options, hash } = resolveOptions(plan, chosen, customizations);
  const refusal = checkOptions(options, plan.combined);
  if (refusal) return refuse(plan, cluster, 'RestrictedByGitRepoRestriction', `${refusal.field}: ${refusal.message}`, chosen.ref);
  const using = customizations.length > 0 ? ` with ${customizations.map((c) => describeTarget('customization', c.ref)).join(', ')}` : '';
  return {
    targeted: true,
    bundle: plan.key,
    cluster: objectKey(cluster),
    target: chosen.ref,
    customizations: customizations.map((c) => c.ref),
    options,
    optionsHash: hash,
    message: `${what} matches${using}`,
  };
}

/** Every matcher of the plan that can select a cluster, for candidate lookup in an index. */
export function planMatchers(plan: BundlePlan): readonly CompiledMatcher[] {
  return plan.targets.map((t) => t.matcher);
}
