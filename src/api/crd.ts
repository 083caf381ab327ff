/**
 * The shape of an apiextensions.k8s.io/v1 CustomResourceDefinition, as data, and
 * {@link defineCrd}, which builds one Flotilla CRD from a kind's names, printer columns and
 * schema. Every kind file describes itself with it, so the CRD files, the embedded API
 * server and the types all come from one place.
 */
import { GROUP, VERSION } from './group.js';

/** The subset of OpenAPI v3 (plus Kubernetes' extensions) that structural CRD schemas allow. */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  format?: string;
  pattern?: string;
  enum?: (string | number | boolean)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  anyOf?: JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: ValidationRule[];
}

/** A CEL rule (`x-kubernetes-validations`); a real kube-apiserver enforces it, ajv does not. */
export interface ValidationRule {
  rule: string;
  message?: string;
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

export interface CrdNames {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: PrinterColumn[];
  schema: { openAPIV3Schema: JSONSchemaProps };
}

export type CrdScope = 'Namespaced' | 'Cluster';

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    group: string;
    names: CrdNames;
    scope: CrdScope;
    versions: CrdVersion[];
  };
}

export interface CrdOptions {
  kind: string;
  plural: string;
  shortNames?: string[];
  scope: CrdScope;
  description: string;
  /** Columns before `Age`, which every CRD gets last. */
  printerColumns?: PrinterColumn[];
  /** Properties of the object beside apiVersion, kind and metadata (spec, status, or top-level fields). */
  properties: Record<string, JSONSchemaProps>;
  required?: string[];
  /** Restrictions on metadata.name (the only metadata a structural schema may constrain). */
  name?: JSONSchemaProps;
  /** CEL rules on the whole object (a kind with a `status` property also gets the status subresource). */
  validations?: ValidationRule[];
}

/** All Flotilla CRDs are in this category, so `kubectl get flotilla` lists every object. */
export const CATEGORY = 'flotilla';

const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** Builds the CRD of one Flotilla kind (group flotilla.io, one served and stored version). */
export function defineCrd(options: CrdOptions): CustomResourceDefinition {
  const { kind, plural, scope, properties } = options;
  const root: JSONSchemaProps = {
    type: 'object',
    description: options.description,
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion of this object: flotilla.io/v1alpha1.' },
      kind: { type: 'string', description: `Kind of this object: ${kind}.` },
      metadata: options.name ? { type: 'object', properties: { name: options.name } } : { type: 'object' },
      ...properties,
    },
  };
  if (options.required?.length) root.required = options.required;
  if (options.validations?.length) root['x-kubernetes-validations'] = options.validations;
  const version: CrdVersion = {
    name: VERSION,
    served: true,
    storage: true,
    ...('status' in properties ? { subresources: { status: {} } } : {}),
    additionalPrinterColumns: [...(options.printerColumns ?? []), AGE_COLUMN],
    schema: { openAPIV3Schema: root },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        ...(options.shortNames ? { shortNames: options.shortNames } : {}),
        categories: [CATEGORY],
      },
      scope,
      versions: [version],
    },
  };
}
