/**
 * The plain data the OpenAPI builder takes: one entry per served group/version/resource.
 * The API server derives these from its resource registry; nothing here reads the registry,
 * so documents are a pure function of this list.
 */

/** A JSON (OpenAPI v3 / structural) schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

export interface ServedResource {
  /** API group, `''` for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Defaults to `${kind}List`. */
  listKind?: string;
  plural: string;
  namespaced: boolean;
  /** Verbs as discovery lists them: get, list, watch, create, update, patch, delete, deletecollection. */
  verbs: readonly string[];
  /** Subresources served beside the resource. */
  subresources?: readonly ('status' | 'scale')[];
  /**
   * For a custom resource: its CRD version's `openAPIV3Schema`. Absent for built-in kinds, whose
   * schemas come from Kubernetes' published OpenAPI.
   */
  crdSchema?: JsonSchema;
  /** True for custom resources (served from a CRD), even when the CRD declares no schema. */
  custom?: boolean;
}
