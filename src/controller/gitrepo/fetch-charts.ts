/**
 * The chart step of a GitRepo sync, between reading git and planning Bundles: every bundle
 * whose fleet.yaml names a chart in an http(s) repository or at a URL gets it fetched here,
 * on the hub, as `fleet apply` does, so the Bundle carries the chart and agents never reach
 * a repository. A bundle whose chart cannot be fetched gets a BundleError instead, which
 * the plan treats like a broken fleet.yaml: its last good Bundle stays.
 */
import { posix } from 'node:path';
import { BundleError, fetchBundleCharts, type CredentialScope, type DiscoveryResult, type FetchedChart, type HttpFetcher } from '../../bundle/index.js';

export interface FetchChartsOptions {
  discovery: DiscoveryResult;
  scope: CredentialScope;
  fetcher?: HttpFetcher;
  signal?: AbortSignal;
}

/** Fetched charts (or the error) per bundle path; bundles without remote charts are absent. */
export type ChartsByPath = ReadonlyMap<string, readonly FetchedChart[] | BundleError>;

export async function fetchCharts(options: FetchChartsOptions): Promise<ChartsByPath> {
  const result = new Map<string, readonly FetchedChart[] | BundleError>();
  for (const bundle of options.discovery.bundles) {
    const file = bundle.path === '.' ? 'fleet.yaml' : posix.join(bundle.path, 'fleet.yaml');
    try {
      const fetched = await fetchBundleCharts(bundle.fleetYaml, {
        scope: options.scope,
        file,
        ...(options.fetcher ? { fetcher: options.fetcher } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (fetched.length > 0) result.set(bundle.path, fetched);
    } catch (err) {
      if (!(err instanceof BundleError)) throw err;
      result.set(bundle.path, err);
    }
  }
  return result;
}
