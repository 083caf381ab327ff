/**
 * Options that say how a bundle is rendered and applied on a cluster (Fleet's
 * BundleDeploymentOptions): fleet.yaml's top-level options, a target customization's
 * overrides, and what a BundleDeployment carries once resolved for one cluster.
 */
import type { JSONSchemaProps } from './crd.js';
import type { LabelSelector } from './meta.js';
import { labelName, labelSelector } from './common-schemas.js';
import { type HelmOptions, helmOptionsSchema } from './helm-options.js';
import { type NamespaceDefinition, namespaceDefinitionProperties } from './namespace-definition.js';
import { boolean, integer, keyedList, list, object, string, stringMap } from './schema-builders.js';

export interface CorrectDrift {
  enabled?: boolean;
  force?: boolean;
  keepFailHistory?: boolean;
}

export interface ComparePatchOperation {
  op?: string;
  path?: string;
  value?: string;
}

/** Fields or objects ignored when judging drift. */
export interface ComparePatch {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  operations?: ComparePatchOperation[];
  jsonPointers?: string[];
}

/** A fleet.yaml `managedNamespaces` item: a namespace definition placed by its bundle's targets. */
export interface ManagedNamespaceItem extends NamespaceDefinition {
  name: string;
}

export interface BundleDeploymentOptions {
  defaultNamespace?: string;
  /** Forces every object into this namespace (fleet.yaml `namespace`, GitRepo `targetNamespace`). */
  namespace?: string;
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  serviceAccount?: string;
  kustomize?: { dir?: string };
  helm?: HelmOptions;
  yaml?: { overlays?: string[] };
  diff?: { comparePatches?: ComparePatch[] };
  ignore?: { conditions?: Record<string, string>[] };
  correctDrift?: CorrectDrift;
  keepResources?: boolean;
  deleteNamespace?: boolean;
  deleteCRDResources?: boolean;
  forceSyncGeneration?: number;
  allowedTargetNamespaceSelector?: LabelSelector;
  managedNamespaces?: ManagedNamespaceItem[];
}

export const correctDriftSchema: JSONSchemaProps = object(
  {
    enabled: boolean('Re-apply objects changed on the member.'),
    force: boolean('Re-apply with force, taking fields other managers hold.'),
    keepFailHistory: boolean('Keep a record of failed corrections.'),
  },
  'Drift correction.',
);

const comparePatchSchema = object({
  apiVersion: string(),
  kind: string(),
  namespace: string(),
  name: string(),
  operations: list(object({ op: string(), path: string(), value: string() })),
  jsonPointers: list(string()),
});

export const managedNamespaceItemSchema: JSONSchemaProps = object(
  { name: labelName('The namespace’s name.'), ...namespaceDefinitionProperties },
  undefined,
  { required: ['name'] },
);

export const bundleDeploymentOptionsProperties: Record<string, JSONSchemaProps> = {
  defaultNamespace: string('Namespace for objects that set none (default "default").'),
  namespace: string('Force every object into this namespace; cluster-scoped objects are refused.'),
  namespaceLabels: stringMap('Labels put on the namespace Flotilla creates.'),
  namespaceAnnotations: stringMap('Annotations put on the namespace Flotilla creates.'),
  serviceAccount: string('The member’s service account objects are applied as.'),
  kustomize: object({ dir: string('Directory holding kustomization.yaml.') }, 'Kustomize options.'),
  helm: helmOptionsSchema,
  yaml: object({ overlays: list(string(), 'Overlays applied in order.') }, 'Raw YAML options.'),
  diff: object({ comparePatches: list(comparePatchSchema, 'Fields or objects ignored for drift.') }, 'Drift detection options.'),
  ignore: object({ conditions: list(stringMap(), 'Conditions ignored for readiness.') }, 'Readiness options.'),
  correctDrift: correctDriftSchema,
  keepResources: boolean('Keep deployed objects when the bundle is deleted.'),
  deleteNamespace: boolean('Delete the namespace Flotilla created when the bundle is deleted.'),
  deleteCRDResources: boolean('Allow CRDs of the bundle to be deleted.'),
  forceSyncGeneration: integer('Bump to force a redeploy.'),
  allowedTargetNamespaceSelector: labelSelector('The target namespace must carry labels this selector matches.'),
  managedNamespaces: keyedList(managedNamespaceItemSchema, ['name'], 'Managed namespaces rendered into this bundle.'),
};
