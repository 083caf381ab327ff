/**
 * BundleNamespaceMapping: lets the Bundles of this workspace that `bundleSelector` matches
 * target the Clusters of every namespace `namespaceSelector` matches. Fields sit at the top
 * level, without a spec, as in Fleet.
 */
import { labelNameSchema, labelSelector } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { LabelSelector } from './meta.js';

export interface BundleNamespaceMappingFields {
  bundleSelector: LabelSelector;
  namespaceSelector: LabelSelector;
}

export type BundleNamespaceMapping = FlotillaObject<'BundleNamespaceMapping', BundleNamespaceMappingFields>;

export const bundleNamespaceMappingCrd = defineCrd({
  kind: 'BundleNamespaceMapping',
  plural: 'bundlenamespacemappings',
  shortNames: ['bnm'],
  scope: 'Namespaced',
  description: 'Lets matching Bundles of this workspace target Clusters of the namespaces it selects.',
  name: labelNameSchema,
  properties: {
    bundleSelector: labelSelector('Bundles of this workspace the mapping applies to.'),
    namespaceSelector: labelSelector('Namespaces whose Clusters those Bundles may target.'),
  },
  required: ['bundleSelector', 'namespaceSelector'],
});
