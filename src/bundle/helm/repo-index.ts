/**
 * A Helm chart repository's `index.yaml`, read as Helm reads it, and the choice of a chart
 * version from it: an exact version or a semver range, newest match first, pre-releases
 * only when the range itself names one (Helm's rule, which semver's maxSatisfying follows),
 * no version meaning the newest stable release. Chart URLs in the index may be relative to
 * the repository. Pure: the bytes come from the fetcher.
 */
import semver from 'semver';
import { parseYamlDocuments } from '../safe-yaml.js';

export interface ChartVersionEntry {
  version: string;
  /** Absolute URLs of the chart archive, first one used. */
  urls: string[];
  /** sha256 hex of the archive, when the index gives it. */
  digest?: string;
}

export type IndexChoice = { kind: 'found'; entry: ChartVersionEntry } | { kind: 'noChart' } | { kind: 'noVersion'; available: string[] };

/** Index files of public repositories run to tens of megabytes. */
const INDEX_LIMITS = { maxFileBytes: 64 * 1024 * 1024, maxDocumentBytes: 64 * 1024 * 1024 };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The repository URL with a trailing `/`, the base chart URLs in its index resolve against. */
export function repositoryBase(repo: string): string {
  return repo.endsWith('/') ? repo : `${repo}/`;
}

/** The URL of the repository's index.yaml. */
export function indexUrl(repo: string): string {
  return new URL('index.yaml', repositoryBase(repo)).toString();
}

function toEntry(raw: unknown, repo: string): ChartVersionEntry | undefined {
  if (!isRecord(raw) || typeof raw.version !== 'string' || !Array.isArray(raw.urls)) return undefined;
  const urls = raw.urls.filter((u): u is string => typeof u === 'string').map((u) => new URL(u, repositoryBase(repo)).toString());
  if (urls.length === 0) return undefined;
  return { version: raw.version, urls, ...(typeof raw.digest === 'string' ? { digest: raw.digest } : {}) };
}

/** The versions of one chart an index lists; throws BundleError (from safe-yaml) on YAML that does not parse. */
export function chartVersions(indexYaml: string, chart: string, repo: string): ChartVersionEntry[] | undefined {
  const docs = parseYamlDocuments(indexYaml, { file: 'index.yaml', limits: INDEX_LIMITS });
  const root = docs[0]?.value;
  const entries = isRecord(root) && isRecord(root.entries) ? root.entries[chart] : undefined;
  if (!Array.isArray(entries)) return undefined;
  return entries.map((e) => toEntry(e, repo)).filter((e): e is ChartVersionEntry => e !== undefined);
}

/** The entry for `range` (exact version or semver range; empty for the newest stable release). */
export function chooseVersion(entries: readonly ChartVersionEntry[] | undefined, range: string | undefined): IndexChoice {
  if (entries === undefined) return { kind: 'noChart' };
  const valid = entries.filter((e) => semver.valid(e.version) !== null);
  const wanted = range && range.trim() !== '' ? range : '*';
  const exact = valid.find((e) => semver.valid(wanted) !== null && semver.eq(e.version, wanted));
  if (exact) return { kind: 'found', entry: exact };
  const best = semver.maxSatisfying(valid.map((e) => e.version), wanted);
  const entry = best === null ? undefined : valid.find((e) => e.version === best);
  if (entry) return { kind: 'found', entry };
  const available = valid.map((e) => e.version).sort(semver.rcompare).slice(0, 10);
  return { kind: 'noVersion', available };
}
