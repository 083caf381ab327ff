/**
 * Which resource serves a kind: `apiVersion` + `kind` resolved to the plural name and scope
 * through the server's discovery documents, cached per group/version. A kind missing from
 * the cache refreshes its group/version once before giving up, so a CRD installed after the
 * client started is found without a restart.
 */
import { ApiError, isNotFound } from './api-error.js';
import type { KubeHttpClient } from './http-client.js';

export interface ResourceInfo {
  group: string;
  version: string;
  /** `v1` or `group/version`. */
  apiVersion: string;
  kind: string;
  /** The plural resource name used in paths (`configmaps`). */
  plural: string;
  namespaced: boolean;
}

export interface TypeRef {
  apiVersion: string;
  kind: string;
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
}

interface ApiResourceList {
  resources?: ApiResource[];
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The discovery path of a group/version: `/api/v1` for the core group, `/apis/g/v` otherwise. */
export function groupVersionPath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

export class ResourceDiscovery {
  /** apiVersion → kind → resource. */
  private readonly cache = new Map<string, Map<string, ResourceInfo>>();
  private readonly inFlight = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(private readonly http: KubeHttpClient) {}

  /** The resource serving `kind` in `apiVersion`; throws ApiError NotFound when none does. */
  async resolve(type: TypeRef): Promise<ResourceInfo> {
    const cached = this.cache.get(type.apiVersion)?.get(type.kind);
    if (cached) return cached;
    const fresh = await this.refresh(type.apiVersion);
    const found = fresh.get(type.kind);
    if (found) return found;
    throw new ApiError({
      kind: 'Status',
      status: 'Failure',
      code: 404,
      reason: 'NotFound',
      message: `no matches for kind "${type.kind}" in version "${type.apiVersion}"`,
    });
  }

  /** Forgets what is known of one group/version (or all), e.g. after a CRD was deleted. */
  invalidate(apiVersion?: string): void {
    if (apiVersion === undefined) this.cache.clear();
    else this.cache.delete(apiVersion);
  }

  private refresh(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const running = this.inFlight.get(apiVersion);
    if (running) return running;
    const work = this.fetch(apiVersion).finally(() => this.inFlight.delete(apiVersion));
    this.inFlight.set(apiVersion, work);
    return work;
  }

  private async fetch(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const { group, version } = splitApiVersion(apiVersion);
    let list: ApiResourceList;
    try {
      list = await this.http.requestJson<ApiResourceList>({ method: 'GET', path: groupVersionPath(apiVersion) });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      list = { resources: [] };
    }
    const kinds = new Map<string, ResourceInfo>();
    for (const r of list.resources ?? []) {
      // Subresources (`deployments/status`) share their parent's kind; only the parent is addressable.
      if (r.name.includes('/')) continue;
      kinds.set(r.kind, { group, version, apiVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced });
    }
    this.cache.set(apiVersion, kinds);
    return kinds;
  }
}
