/**
 * Kubernetes' published schemas for the built-in kinds, loaded once on first use (the file
 * is 4 MB) and shared by OpenAPI serving and field validation, with each kind's schema name
 * looked up once.
 */
import { loadKubernetesSchemas, schemaNameForKind, type SchemaMap } from '../openapi/index.js';

export class BuiltinSchemas {
  private map: SchemaMap | undefined;
  private readonly names = new Map<string, string | undefined>();

  constructor(private readonly load: () => SchemaMap = loadKubernetesSchemas) {}

  get all(): SchemaMap {
    this.map ??= this.load();
    return this.map;
  }

  /** The schema name of a built-in kind (`io.k8s.api.core.v1.ConfigMap`), if Kubernetes publishes one. */
  nameFor(group: string, version: string, kind: string): string | undefined {
    const key = `${group}/${version}/${kind}`;
    if (!this.names.has(key)) this.names.set(key, schemaNameForKind(this.all, { group, version, kind }));
    return this.names.get(key);
  }
}
