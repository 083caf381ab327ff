/**
 * What a GitRepo's checkout means for its Bundles, decided as a pure function: which Bundles
 * to create, which to update, which to leave alone, which to delete, and why any path could
 * not be read. The rules:
 *
 * - change detection per path: a Bundle whose decided content (labels, owner, spec) hashes
 *   the same as what is stored is `unchanged` and not written, so a commit touching one path
 *   writes one Bundle and nothing else is redeployed;
 * - bad input never deletes: a path whose fleet.yaml fails, or whose chart could not be
 *   fetched, keeps its last good Bundle (found by name or by the path it was written for)
 *   and reports the error;
 * - charts fetched for a bundle (fetch-charts.ts) travel in its resources under `.chart/`;
 * - a Bundle of this GitRepo whose path is gone from git is deleted.
 */
import type { Bundle } from '../../api/bundle.js';
import type { GitRepo, GitRepoBundleError } from '../../api/git-repo.js';
import { LABELS } from '../../api/names.js';
import { BundleError, discoverBundles, type BundleFailure, type DiscoveredBundle, type DiscoveryResult, type FleetYamlFinding, type SourceFile, type YamlLimits } from '../../bundle/index.js';
import { BUNDLE_ANNOTATIONS, bundlePath, withBookkeeping } from './bundle-bookkeeping.js';
import { withFetchedCharts } from './chart-resources.js';
import { desiredBundle } from './desired-bundle.js';
import type { ChartsByPath } from './fetch-charts.js';

export type BundleAction = 'create' | 'update' | 'unchanged';

export interface PlannedBundle {
  action: BundleAction;
  name: string;
  /** The bundle's root in the repository. */
  path: string;
  /** What to write (for `unchanged`, what is stored). */
  bundle: Bundle;
}

export interface PlanBundlesInput {
  gitRepo: GitRepo;
  /** The commit the files were checked out from. */
  commit: string;
  /** Every file of the checkout, paths relative to its root. */
  files: readonly SourceFile[];
  /** The Bundles of this GitRepo now on the hub (label `flotilla.io/repo-name`). */
  existing: readonly Bundle[];
  limits?: Partial<YamlLimits>;
  compressAboveBytes?: number;
  /** The discovery of `files`, when the caller already made it (to fetch charts). */
  discovery?: DiscoveryResult;
  /** Charts fetched per bundle path, or why they could not be. */
  charts?: ChartsByPath;
}

export interface BundlesPlan {
  bundles: PlannedBundle[];
  /** Names of Bundles to delete: their path is gone from the repository. */
  deletes: string[];
  /** Names of Bundles kept as they are because their path failed. */
  kept: string[];
  /** Per-path errors, for GitRepo `status.bundleErrors`. */
  errors: GitRepoBundleError[];
  /** Fleet keys used that Flotilla does not implement yet, per file. */
  findings: FleetYamlFinding[];
}

/** A GitRepo bundle error from a BundleError, naming the file and the field at fault. */
export function bundleErrorEntry(path: string, bundleName: string | undefined, error: BundleError): GitRepoBundleError {
  return { path, ...(bundleName ? { bundleName } : {}), file: error.file, message: error.message };
}

function ownedBy(gitRepo: GitRepo, bundle: Bundle): boolean {
  return bundle.metadata.labels?.[LABELS.repoName] === gitRepo.metadata.name;
}

function actionFor(desired: Bundle, stored: Bundle | undefined): BundleAction {
  if (stored === undefined) return 'create';
  const want = desired.metadata.annotations?.[BUNDLE_ANNOTATIONS.specHash];
  return stored.metadata.annotations?.[BUNDLE_ANNOTATIONS.specHash] === want ? 'unchanged' : 'update';
}

/** One discovered bundle as planned, or the failure of its chart fetch. */
function planOne(input: PlanBundlesInput, found: DiscoveredBundle, stored: Bundle | undefined): PlannedBundle | BundleFailure {
  const charts = input.charts?.get(found.path);
  if (charts instanceof BundleError) return { name: found.name, path: found.path, error: charts };
  const d = charts ? withFetchedCharts(found, charts, input.compressAboveBytes) : found;
  const bundle = withBookkeeping(desiredBundle(input.gitRepo, d, charts), { path: d.path, commit: input.commit });
  const action = actionFor(bundle, stored);
  return { action, name: d.name, path: d.path, bundle: action === 'unchanged' && stored ? stored : bundle };
}

/** Discovers the bundles of a GitRepo's checkout, as planBundles does. */
export function discoverGitRepoBundles(input: Pick<PlanBundlesInput, 'gitRepo' | 'files' | 'limits' | 'compressAboveBytes'>): DiscoveryResult {
  return discoverBundles({
    gitRepoName: input.gitRepo.metadata.name ?? '',
    paths: input.gitRepo.spec.paths,
    files: input.files,
    ...(input.limits ? { limits: input.limits } : {}),
    ...(input.compressAboveBytes !== undefined ? { compressAboveBytes: input.compressAboveBytes } : {}),
  });
}

export function planBundles(input: PlanBundlesInput): BundlesPlan {
  const { gitRepo, commit } = input;
  const existing = input.existing.filter((b) => ownedBy(gitRepo, b));
  const byName = new Map(existing.map((b) => [b.metadata.name ?? '', b]));
  const discovery = input.discovery ?? discoverGitRepoBundles(input);
  const plan: BundlesPlan = { bundles: [], deletes: [], kept: [], errors: [], findings: [] };
  const failures: BundleFailure[] = [...discovery.failures];
  for (const found of discovery.bundles) {
    const planned = planOne(input, found, byName.get(found.name));
    if ('error' in planned) {
      failures.push(planned);
      continue;
    }
    plan.bundles.push(planned);
    plan.findings.push(...found.findings);
  }
  const wanted = new Set(plan.bundles.map((b) => b.name));
  const failedPaths = new Set<string>();
  const failedNames = new Set<string>();
  for (const f of failures) {
    plan.errors.push(bundleErrorEntry(f.path, f.name, f.error));
    failedPaths.add(f.path);
    failedNames.add(f.name);
  }
  for (const path of discovery.unmatchedPaths) {
    plan.errors.push({ path, message: `paths entry "${path}" matches no directory of the repository at commit ${commit}` });
  }
  for (const b of existing) {
    const name = b.metadata.name ?? '';
    if (wanted.has(name)) continue;
    const path = bundlePath(b);
    if (failedNames.has(name) || (path !== undefined && failedPaths.has(path))) plan.kept.push(name);
    else plan.deletes.push(name);
  }
  plan.deletes.sort();
  plan.kept.sort();
  return plan;
}
