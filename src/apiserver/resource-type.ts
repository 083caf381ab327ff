/**
 * What the API server knows about one served resource: its names, scope, verbs and
 * subresources. Built-in resources come from a table; custom resources from their CRD.
 */
import type { PrinterColumn } from './table/crd-printer.js';

export interface ResourceVersionInfo {
  /** The version name, e.g. `v1`. */
  name: string;
  served: boolean;
  storage: boolean;
  /** The structural OpenAPI v3 schema, for custom resources. */
  schema?: Record<string, unknown>;
  additionalPrinterColumns?: PrinterColumn[];
  subresources?: { status?: Record<string, never>; scale?: Record<string, unknown> };
}

export type { PrinterColumn };

export interface ResourceType {
  group: string;
  /** Versions served, the preferred (storage) version first. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Whether `/status` is a subresource (status ignored on the main resource, spec on /status). */
  hasStatus: boolean;
  /** Whether metadata.generation is kept and bumped on spec changes. */
  tracksGeneration: boolean;
  /** Set for resources served from a CustomResourceDefinition. */
  crd?: { name: string; uid: string; versions: ResourceVersionInfo[] };
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** `group/plural`, the key under which a resource's objects are stored. */
export function resourceKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
