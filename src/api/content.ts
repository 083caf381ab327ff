/**
 * Content: the final, rendered manifests of a bundle for one set of options, compressed and
 * stored once however many clusters use it. Cluster-scoped and immutable, named by the
 * sha256 of what it holds, so agents can `get` it by name and never need to list (Fleet's
 * Content, same field names).
 */
import { labelNameSchema } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import { count, object, string } from './schema-builders.js';

export interface ContentStatus {
  /** BundleDeployments that refer to this Content; at zero it may be garbage collected. */
  referenceCount?: number;
}

export interface ContentFields {
  /** gzip of the JSON manifest `{"resources":[...]}`, base64-encoded as JSON carries bytes. */
  content?: string;
  /** sha256 (hex) of the uncompressed manifest. */
  sha256sum?: string;
  status?: ContentStatus;
}

export type Content = FlotillaObject<'Content', ContentFields>;

/**
 * Set on an existing Content by a writer that refers to it again (RFC 3339 time): the garbage
 * collector's grace period counts from the later of this and the Content's creation.
 */
export const CONTENT_REFERENCED_AT_ANNOTATION = 'flotilla.io/referenced-at';

export const contentCrd = defineCrd({
  kind: 'Content',
  plural: 'contents',
  scope: 'Cluster',
  description: 'Rendered manifests of a bundle, compressed; immutable and named by their sha256.',
  name: labelNameSchema,
  properties: {
    content: string('gzip of the JSON manifest {"resources":[...]}, base64-encoded.', {
      format: 'byte',
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'content is immutable' }],
    }),
    sha256sum: string('sha256 (hex) of the uncompressed manifest.', {
      pattern: '^[0-9a-f]{64}$',
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'sha256sum is immutable' }],
    }),
    status: object({ referenceCount: count('BundleDeployments that refer to this Content.') }),
  },
  printerColumns: [
    { name: 'SHA256', type: 'string', jsonPath: '.sha256sum', priority: 1 },
    { name: 'References', type: 'integer', jsonPath: '.status.referenceCount' },
  ],
});
