/**
 * The Content object for rendered manifests: cluster-scoped, named by the sha256 of their
 * canonical text (src/bundle/content.ts), holding them gzip+base64 with the full sha256 for
 * the agent to verify. Two renders with the same result are the same object, so writing one
 * is create-if-missing and never an update.
 */
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { encodeContent } from '../../bundle/index.js';

export function contentObject(manifests: readonly KubeObject[]): Content {
  const encoded = encodeContent(manifests);
  return {
    apiVersion: API_VERSION,
    kind: 'Content',
    metadata: { name: encoded.name },
    content: encoded.content,
    sha256sum: encoded.sha256sum,
  };
}
