/**
 * Validation of every write before it is stored, as Kubernetes' registry strategies do it:
 * names and metadata for all kinds, a CRD's own rules for CRDs, and for custom resources
 * their CRD's schema (unknown fields pruned, defaults applied, violations a 422). Pruned
 * fields are reported according to `fieldValidation` (Ignore, Warn, Strict).
 */
import type { KubeObject } from '../../api/meta.js';
import { errors } from '../status.js';
import type { ResourceHook, WriteContext } from '../rest/resource-hooks.js';
import type { ResourceType } from '../resource-type.js';
import {
  compileCrdSchema,
  defaultCrd,
  nameValidatorFor,
  validateCrd,
  validateObjectMeta,
  type CrdSchema,
  type CustomResourceDefinition,
  type JSONSchemaProps,
} from '../validation/index.js';
import { checkObjectSize } from '../validation/limits.js';
import type { BuiltinSchemas } from './builtin-schemas.js';
import { CompiledSchemaCache } from './compiled-schema-cache.js';
import { pruneUnknownBuiltinFields } from './unknown-fields.js';

const CRD_GROUP = 'apiextensions.k8s.io';

function targetOf(resource: ResourceType, name: string | undefined) {
  return { group: resource.group, resource: resource.plural, kind: resource.kind, name };
}

export class ValidationHook implements ResourceHook {
  private readonly schemas = new CompiledSchemaCache<CrdSchema>((schema) => compileCrdSchema(schema as JSONSchemaProps));

  constructor(private readonly builtins: BuiltinSchemas) {}

  beforeWrite(obj: KubeObject, ctx: WriteContext): void {
    const resource = ctx.target.resource;
    const causes = validateObjectMeta(obj.metadata, {
      namespaced: resource.namespaced,
      validateName: nameValidatorFor(resource.group, resource.kind),
    });
    if (resource.group === CRD_GROUP && resource.kind === 'CustomResourceDefinition') {
      const defaulted = defaultCrd(obj as unknown as CustomResourceDefinition);
      Object.assign(obj, defaulted);
      causes.push(...validateCrd(defaulted));
    }
    if (resource.crd) causes.push(...this.admitCustom(obj, ctx));
    else this.pruneBuiltin(obj, ctx);
    if (causes.length) throw errors.invalid(targetOf(resource, obj.metadata.name), causes);
    const tooLarge = checkObjectSize(obj);
    if (tooLarge) throw tooLarge;
  }

  private admitCustom(obj: KubeObject, ctx: WriteContext): ReturnType<typeof validateObjectMeta> {
    const resource = ctx.target.resource;
    const version = obj.apiVersion.split('/').pop() ?? '';
    const schema = this.schemaFor(resource, version);
    if (!schema) return [];
    const { apiVersion, kind, metadata } = obj;
    const result = schema.admit(obj);
    const pruned = result.prunedFields.filter((f) => !f.startsWith('metadata.'));
    if (pruned.length) reportUnknownFields(pruned, ctx);
    for (const key of Object.keys(obj)) delete obj[key];
    Object.assign(obj, result.object, { apiVersion, kind, metadata });
    return result.causes;
  }

  /** Built-in kinds: unknown fields dropped (and reported) as a real server's decoder drops them. */
  private pruneBuiltin(obj: KubeObject, ctx: WriteContext): void {
    const resource = ctx.target.resource;
    const version = obj.apiVersion.split('/').pop() ?? '';
    const name = this.builtins.nameFor(resource.group, version, resource.kind);
    if (!name) return;
    const unknown = pruneUnknownBuiltinFields(this.builtins.all, name, obj);
    if (unknown.length) reportUnknownFields(unknown, ctx);
  }

  private schemaFor(resource: ResourceType, version: string): CrdSchema | undefined {
    const info = resource.crd?.versions.find((v) => v.name === version);
    if (!info?.schema) return undefined;
    return this.schemas.get(`${resource.crd!.uid}/${version}`, info.schema);
  }
}

/** Unknown fields: dropped silently, dropped with a warning, or refused, as the client asked. */
function reportUnknownFields(fields: string[], ctx: WriteContext): void {
  const resource = ctx.target.resource;
  reportStrictDecodingErrors(
    fields.map((f) => `unknown field "${f}"`),
    { fieldValidation: ctx.fieldValidation, warnings: ctx.warnings, kind: resource.kind, version: resource.versions[0] ?? '' },
  );
}

export interface StrictDecodingReport {
  fieldValidation?: WriteContext['fieldValidation'];
  /** Where Warn puts the messages: the response's Warning headers. */
  warnings: string[];
  kind: string;
  version: string;
}

/**
 * Errors a strict decoder finds (unknown or duplicate fields): ignored, one warning each
 * (Warn, the default), or a 400 naming them all (Strict), worded as Kubernetes words them.
 */
export function reportStrictDecodingErrors(messages: string[], report: StrictDecodingReport): void {
  const mode = report.fieldValidation ?? 'Warn';
  if (mode === 'Ignore' || messages.length === 0) return;
  if (mode === 'Strict') {
    const { kind, version } = report;
    throw errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${messages.join(', ')}`);
  }
  report.warnings.push(...messages);
}
