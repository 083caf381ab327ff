/** The served resources of a registry, as the OpenAPI builder takes them. */
import type { ServedResource } from './openapi/index.js';
import type { ResourceRegistry } from './resource-registry.js';

export function servedResources(registry: ResourceRegistry): ServedResource[] {
  const out: ServedResource[] = [];
  for (const r of registry.all()) {
    for (const version of r.versions) {
      const info = r.crd?.versions.find((v) => v.name === version);
      out.push({
        group: r.group,
        version,
        kind: r.kind,
        listKind: r.listKind,
        plural: r.plural,
        namespaced: r.namespaced,
        verbs: r.verbs,
        subresources: r.hasStatus ? ['status'] : [],
        crdSchema: info?.schema,
        custom: r.crd !== undefined,
      });
    }
  }
  return out.sort((a, b) => `${a.group}/${a.version}/${a.plural}`.localeCompare(`${b.group}/${b.version}/${b.plural}`));
}
