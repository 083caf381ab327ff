/**
 * OpenAPI for the embedded API server: the `/openapi/v3` index and per-group-version documents
 * (built-in kinds from Kubernetes' published schemas, custom kinds from their CRDs), and what
 * `/openapi/v2` answers. Pure functions of the served resources; the HTTP server serves them.
 * `kubectl explain` reads these documents, so every field keeps its description.
 */
export { buildOpenApiV3, documentPath, OpenApiV3Cache, sha512Hex } from './v3.js';
export type { GroupVersionDocument, OpenApiV3Documents, OpenApiV3Index } from './v3.js';
export { openApiV2Answer, type OpenApiV2Answer } from './v2.js';
export { loadKubernetesSchemas, schemaNameForKind, type SchemaMap, type GroupVersionKind } from './kubernetes-schemas.js';
export { customResourceSchemas, customSchemaName, reverseGroup } from './crd-schema.js';
export { resourcePaths, groupVersionPrefix } from './paths.js';
export type { JsonSchema, ServedResource } from './served-resource.js';
