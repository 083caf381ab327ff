/**
 * The field types server-side apply and strategic merge patch need, per served resource:
 * the declared strategies of built-in kinds, or a CRD version's structural schema. Compiled
 * once per CRD generation and reused.
 */
import { builtinTypeInfo, DEFAULT_TYPE_INFO, typeInfoFromSchema, type TypeInfo } from '../patch/index.js';
import type { StructuralSchema } from '../patch/index.js';
import { groupVersion, type ResourceType } from '../resource-type.js';

export class TypeInfoCache {
  private readonly byCrd = new Map<string, TypeInfo>();

  for(resource: ResourceType, version: string): TypeInfo {
    if (!resource.crd) return builtinTypeInfo(groupVersion(resource.group, version), resource.kind) ?? DEFAULT_TYPE_INFO;
    const key = `${resource.crd.uid}/${version}/${JSON.stringify(resource.crd.versions.map((v) => v.name))}`;
    let info = this.byCrd.get(key);
    if (!info) {
      const schema = resource.crd.versions.find((v) => v.name === version)?.schema;
      info = typeInfoFromSchema(schema as StructuralSchema | undefined);
      this.byCrd.set(key, info);
    }
    return info;
  }
}
