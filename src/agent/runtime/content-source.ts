/**
 * Content as the agent reads it: fetched from the hub by name (the agent may `get` Contents,
 * never list them), checked against its sha256sum, decoded, and kept in a cache, since a
 * Content never changes and many BundleDeployments share one. The cache holds at least as many
 * Contents as the agent has BundleDeployments: a fixed 64 with 100 bundles per cluster missed on
 * every access of a resync (each one evicting the next it would need), so every agent fetched
 * every Content again each 5 minutes at rest — 26,000 hub requests a minute at 1,000 clusters.
 */
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { decodeContent, parseDeploymentId } from '../../bundle/index.js';
import type { ObjectClient } from '../../kube/object-client.js';

export interface ContentSourceOptions {
  /** How many Contents the agent needs at once (its BundleDeployments); the cache keeps at least this many. */
  needed?: () => number;
  /** The least the cache keeps; default 64. */
  minimum?: number;
}

export class ContentSource {
  private readonly cache = new Map<string, readonly KubeObject[]>();

  constructor(
    private readonly hub: ObjectClient,
    private readonly options: ContentSourceOptions = {},
  ) {}

  /** Contents held now. */
  get size(): number {
    return this.cache.size;
  }

  /** The manifests a deploymentID (`<content>:<options hash>`) applies. */
  async manifests(deploymentID: string, signal?: AbortSignal): Promise<readonly KubeObject[]> {
    const { contentName } = parseDeploymentId(deploymentID);
    const cached = this.cache.get(contentName);
    if (cached) {
      // Refresh its place: the least recently used Content leaves first.
      this.cache.delete(contentName);
      this.cache.set(contentName, cached);
      return cached;
    }
    const content = (await this.hub.get<KubeObject>({ apiVersion: API_VERSION, kind: 'Content', name: contentName }, { signal })) as unknown as Content;
    const manifests = Object.freeze(decodeContent(content.content ?? '', content.sha256sum ? { sha256sum: content.sha256sum } : {}));
    this.cache.set(contentName, manifests);
    const capacity = Math.max(this.options.minimum ?? 64, this.options.needed?.() ?? 0);
    while (this.cache.size > capacity) this.cache.delete(this.cache.keys().next().value!);
    return manifests;
  }
}
