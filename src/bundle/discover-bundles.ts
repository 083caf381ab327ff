/**
 * Finding the bundles in a checkout, as Rancher Fleet finds them: each entry of a GitRepo's
 * `paths` (micromatch globs allowed, default the repository root) that holds no fleet.yaml
 * anywhere below is one bundle; otherwise every directory below it holding a fleet.yaml is a
 * bundle root, and files in subdirectories without their own fleet.yaml belong to the
 * nearest root above. Hidden files and directories and `.fleetignore`d files are left out.
 * Pure: it gets the checkout's files (already walked safely by src/git) and returns data.
 * A bundle whose fleet.yaml is broken is returned as a failure, so the others still go on.
 */
import micromatch from 'micromatch';
import { posix } from 'node:path';
import { bundleName } from '../api/names.js';
import { BundleError } from './bundle-error.js';
import { encodeResources, type BundleResource, type SourceFile } from './bundle-resources.js';
import { collectIgnoreRules, isIgnored } from './fleetignore.js';
import { parseFleetYaml, type FleetYaml, type FleetYamlFinding } from './fleet-yaml.js';
import type { YamlLimits } from './safe-yaml.js';

export const FLEET_YAML_NAMES: readonly string[] = ['fleet.yaml', 'fleet.yml'];

export interface DiscoverBundlesOptions {
  /** The GitRepo's name: bundle names start with it. */
  gitRepoName: string;
  /** The GitRepo's `paths`; empty or absent means the repository root. */
  paths?: readonly string[];
  /** Every file of the checkout, paths relative to its root with `/`. */
  files: readonly SourceFile[];
  limits?: Partial<YamlLimits>;
  /** Files larger than this are stored compressed in the Bundle's resources. */
  compressAboveBytes?: number;
}

export interface DiscoveredBundle {
  /** The Bundle's name: fleet.yaml `name`, else derived from the GitRepo name and the path. */
  name: string;
  /** The bundle root relative to the checkout; `.` for the root. */
  path: string;
  fleetYaml: FleetYaml;
  /** Fleet keys used here that Flotilla does not implement yet. */
  findings: FleetYamlFinding[];
  /** The bundle's files, paths relative to the bundle root, sorted. */
  files: SourceFile[];
  /** The same files as the Bundle spec holds them. */
  resources: BundleResource[];
}

export interface BundleFailure {
  /** The name the bundle would have from its path (its fleet.yaml could not be read). */
  name: string;
  path: string;
  error: BundleError;
}

export interface DiscoveryResult {
  bundles: DiscoveredBundle[];
  failures: BundleFailure[];
  /** Entries of `paths` that match no directory of the checkout. */
  unmatchedPaths: string[];
}

function normalizePath(p: string): string {
  const cleaned = posix.normalize(p.replace(/^\/+/, '').replace(/\/+$/, '') || '.');
  return cleaned === '' ? '.' : cleaned;
}

function parentDir(path: string): string {
  const dir = posix.dirname(path);
  return dir === '' ? '.' : dir;
}

function isUnder(path: string, dir: string): boolean {
  return dir === '.' || path === dir || path.startsWith(`${dir}/`);
}

function relativeTo(path: string, dir: string): string {
  return dir === '.' ? path : path.slice(dir.length + 1);
}

function allDirectories(files: readonly SourceFile[]): Set<string> {
  const dirs = new Set<string>(['.']);
  for (const f of files) {
    for (let d = parentDir(f.path); d !== '.' && !dirs.has(d); d = parentDir(d)) dirs.add(d);
  }
  return dirs;
}

function matchPathEntry(entry: string, dirs: ReadonlySet<string>): string[] {
  const pattern = normalizePath(entry);
  if (!micromatch.scan(pattern).isGlob) return dirs.has(pattern) ? [pattern] : [];
  return [...dirs].filter((d) => d !== '.' && micromatch.isMatch(d, pattern)).sort();
}

/** Bundle roots for the path entries, and the entries that matched nothing. */
function findRoots(paths: readonly string[], files: readonly SourceFile[]): { roots: Set<string>; unmatched: string[] } {
  const dirs = allDirectories(files);
  const fleetYamlDirs = new Set(files.filter((f) => FLEET_YAML_NAMES.includes(posix.basename(f.path))).map((f) => parentDir(f.path)));
  const roots = new Set<string>();
  const unmatched: string[] = [];
  for (const entry of paths.length > 0 ? paths : ['.']) {
    const bases = matchPathEntry(entry, dirs);
    if (bases.length === 0) unmatched.push(entry);
    for (const base of bases) {
      const below = [...fleetYamlDirs].filter((d) => isUnder(d, base));
      for (const root of below.length > 0 ? below : [base]) roots.add(root);
    }
  }
  return { roots, unmatched };
}

function nearestRoot(path: string, roots: ReadonlySet<string>): string | undefined {
  for (let d = parentDir(path); ; d = parentDir(d)) {
    if (roots.has(d)) return d;
    if (d === '.') return undefined;
  }
}

function isHidden(relativePath: string): boolean {
  return relativePath.split('/').some((seg) => seg.startsWith('.'));
}

/** Finds and reads every bundle of a checkout. */
export function discoverBundles(options: DiscoverBundlesOptions): DiscoveryResult {
  const files = options.files
    .map((f) => ({ path: normalizePath(f.path), content: f.content }))
    .filter((f) => f.path !== '.git' && !f.path.startsWith('.git/'));
  const { roots, unmatched } = findRoots(options.paths ?? [], files);
  const byRoot = new Map<string, SourceFile[]>([...roots].map((r) => [r, []]));
  for (const f of files) {
    const root = nearestRoot(f.path, roots);
    if (root !== undefined) byRoot.get(root)?.push({ path: relativeTo(f.path, root), content: f.content });
  }
  const result: DiscoveryResult = { bundles: [], failures: [], unmatchedPaths: unmatched };
  const names = new Map<string, string>();
  for (const root of [...roots].sort()) {
    const outcome = readBundle(root, byRoot.get(root) ?? [], options);
    if (outcome === undefined) continue;
    if ('error' in outcome) {
      result.failures.push(outcome);
      continue;
    }
    const clash = names.get(outcome.name);
    if (clash !== undefined) {
      const message = `bundle name "${outcome.name}" is already used by the bundle at ${clash}`;
      result.failures.push({ name: outcome.name, path: root, error: new BundleError({ reason: 'DuplicateBundle', file: root, field: 'name', message }) });
      continue;
    }
    names.set(outcome.name, root);
    result.bundles.push(outcome);
  }
  return result;
}

function readBundle(root: string, rootFiles: SourceFile[], options: DiscoverBundlesOptions): DiscoveredBundle | BundleFailure | undefined {
  const rules = collectIgnoreRules(rootFiles);
  const files = rootFiles
    .filter((f) => !isHidden(f.path) && !isIgnored(f.path, rules))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Fleet skips a directory with nothing to deploy rather than failing the GitRepo.
  if (files.length === 0) return undefined;
  const derivedName = bundleName(options.gitRepoName, root);
  const fleetFile = files.find((f) => FLEET_YAML_NAMES.includes(f.path));
  let parsed: ReturnType<typeof parseFleetYaml> = { fleetYaml: {}, findings: [] };
  if (fleetFile) {
    const file = root === '.' ? fleetFile.path : `${root}/${fleetFile.path}`;
    try {
      parsed = parseFleetYaml(fleetFile.content.toString('utf8'), { file, limits: options.limits });
    } catch (err) {
      if (err instanceof BundleError) return { name: derivedName, path: root, error: err };
      throw err;
    }
  }
  const encodeOptions = options.compressAboveBytes === undefined ? {} : { compressAboveBytes: options.compressAboveBytes };
  return {
    name: parsed.fleetYaml.name ?? derivedName,
    path: root,
    fleetYaml: parsed.fleetYaml,
    findings: parsed.findings,
    files,
    resources: encodeResources(files, encodeOptions),
  };
}
