/**
 * Content as the agent reads it: fetched from the hub by name (the agent may `get` Contents,
 * never list them), checked against its sha256sum, decoded, and kept in a small cache, since
 * a Content never changes and many BundleDeployments share one.
 */
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { decodeContent, parseDeploymentId } from '../../bundle/index.js';
import type { ObjectClient } from '../../kube/object-client.js';

export class ContentSource {
  private readonly cache = new Map<string, readonly KubeObject[]>();

  constructor(
    private readonly hub: ObjectClient,
    private readonly capacity = 64,
  ) {}

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
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return manifests;
  }
}
