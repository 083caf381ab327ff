/**
 * Fetching the charts a bundle names over http(s), on the hub, when its Bundle is built (as
 * Fleet's `fleet apply` does), so agents never reach a chart repository: a repository chart
 * is resolved from the repository's index.yaml (version or semver range), its archive
 * downloaded and checked against the index's digest; a chart URL is downloaded as it is.
 * Each fetched archive becomes a bundle file at its `.chart/<key>/chart.tgz` path. Every
 * failure is a BundleError naming fleet.yaml and the field (`helm.repo`, `helm.chart`,
 * `helm.version`), with URLs shown without credentials.
 */
import { createHash } from 'node:crypto';
import type { HelmOptions } from '../../api/helm-options.js';
import { BundleError } from '../bundle-error.js';
import type { SourceFile } from '../bundle-resources.js';
import type { FleetYaml } from '../fleet-yaml.js';
import { credentialsFor, type CredentialScope } from './chart-credentials.js';
import { chartSource, describeChart, fetchedChartPath, isRemote, type RemoteChartSource } from './chart-source.js';
import { HttpFetchError, displayUrl, nodeHttpFetcher, type HttpFetcher } from './http-fetcher.js';
import { chartVersions, chooseVersion, indexUrl, type ChartVersionEntry } from './repo-index.js';

export interface FetchChartOptions {
  /** Default: Node's http(s). */
  fetcher?: HttpFetcher;
  /** The GitRepo's Helm credentials and where they may go. */
  scope?: CredentialScope;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Largest chart archive; default 20 MiB. */
  maxChartBytes?: number;
  /** Largest index.yaml; default 64 MiB. */
  maxIndexBytes?: number;
  /** The fleet.yaml errors name (e.g. `apps/web/fleet.yaml`); default `fleet.yaml`. */
  file?: string;
  signal?: AbortSignal;
}

/** A chart fetched for a bundle, and what it was resolved to. */
export interface FetchedChart {
  source: RemoteChartSource;
  /** The bundle file holding the archive. */
  file: SourceFile;
  /** The chart version chosen from the index (repository charts). */
  version?: string;
  /** Where the archive came from (without credentials). */
  url: string;
}

type Fail = (field: string, message: string, cause?: unknown) => BundleError;

function failWith(options: FetchChartOptions): Fail {
  return (field, message, cause) =>
    new BundleError({ reason: 'ChartFetchFailed', file: options.file ?? 'fleet.yaml', field, message, ...(cause === undefined ? {} : { cause }) });
}

async function get(url: string, repo: string | undefined, maxBytes: number, options: FetchChartOptions, field: string): Promise<Buffer> {
  const fetcher = options.fetcher ?? nodeHttpFetcher;
  const auth = credentialsFor(options.scope ?? {}, url, repo);
  try {
    return await fetcher({ url, maxBytes, timeoutMs: options.timeoutMs ?? 30_000, ...(auth ? { auth } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (err) {
    if (err instanceof HttpFetchError) throw failWith(options)(field, err.message, err);
    throw err;
  }
}

async function resolveEntry(source: Extract<RemoteChartSource, { kind: 'repository' }>, options: FetchChartOptions): Promise<ChartVersionEntry> {
  const fail = failWith(options);
  const index = await get(indexUrl(source.repo), source.repo, options.maxIndexBytes ?? 64 * 1024 * 1024, options, 'helm.repo');
  let versions: ChartVersionEntry[] | undefined;
  try {
    versions = chartVersions(index.toString('utf8'), source.name, source.repo);
  } catch (err) {
    throw fail('helm.repo', `${displayUrl(indexUrl(source.repo))} is not a Helm repository index: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  const choice = chooseVersion(versions, source.version);
  if (choice.kind === 'noChart') throw fail('helm.chart', `repository ${displayUrl(source.repo)} has no chart named ${source.name}`);
  if (choice.kind === 'noVersion') {
    const listed = choice.available.length > 0 ? choice.available.join(', ') : 'none';
    throw fail('helm.version', `no version of chart ${source.name} in ${displayUrl(source.repo)} matches "${source.version ?? ''}" (newest: ${listed})`);
  }
  return choice.entry;
}

/** Fetches one remote chart. */
export async function fetchChart(source: RemoteChartSource, options: FetchChartOptions = {}): Promise<FetchedChart> {
  const maxBytes = options.maxChartBytes ?? 20 * 1024 * 1024;
  const path = fetchedChartPath(source);
  if (source.kind === 'url') {
    const content = await get(source.url, undefined, maxBytes, options, 'helm.chart');
    return { source, file: { path, content }, url: displayUrl(source.url) };
  }
  const entry = await resolveEntry(source, options);
  const url = entry.urls[0] as string;
  const content = await get(url, source.repo, maxBytes, options, 'helm.repo');
  const fail = failWith(options);
  if (entry.digest && createHash('sha256').update(content).digest('hex') !== entry.digest.replace(/^sha256:/, '')) {
    throw fail('helm.repo', `${describeChart(source)}: ${displayUrl(url)} does not match the digest in the repository index`);
  }
  return { source, file: { path, content }, version: entry.version, url: displayUrl(url) };
}

/** The helm options a target customization renders with: its chart, repo and version over the bundle's. */
function customizedHelm(base: HelmOptions | undefined, custom: HelmOptions | undefined): HelmOptions | undefined {
  return custom ? { ...base, ...custom } : base;
}

/** Every remote chart a fleet.yaml names (top level and target customizations), once each. */
export function remoteCharts(fleetYaml: FleetYaml): RemoteChartSource[] {
  const found = new Map<string, RemoteChartSource>();
  const helms = [fleetYaml.helm, ...(fleetYaml.targetCustomizations ?? []).map((tc) => customizedHelm(fleetYaml.helm, tc.helm))];
  for (const helm of helms) {
    const source = chartSource(helm, new Set());
    if (isRemote(source)) found.set(fetchedChartPath(source), source);
  }
  return [...found.values()];
}

/** Fetches every remote chart of a fleet.yaml; the first failure throws. */
export async function fetchBundleCharts(fleetYaml: FleetYaml, options: FetchChartOptions = {}): Promise<FetchedChart[]> {
  const fetched: FetchedChart[] = [];
  for (const source of remoteCharts(fleetYaml)) fetched.push(await fetchChart(source, options));
  return fetched;
}
