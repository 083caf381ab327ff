/**
 * Validation of CustomResourceDefinition objects (apiextensions.k8s.io/v1) as Kubernetes
 * does it on create: the name is `<plural>.<group>`, the group is a domain with a dot, the
 * names are DNS-1035 labels, the scope is Namespaced or Cluster, exactly one version is the
 * storage version, every version has a structural schema that compiles. Defaults the API
 * server fills in first (singular, listKind, conversion) are applied by `defaultCrd`.
 */
import type { StatusCause } from '../status.js';
import { compileCrdSchema } from './crd-schema.js';
import { validateStructuralSchema } from './crd-structural.js';
import type { CustomResourceDefinition, CustomResourceDefinitionNames, CustomResourceDefinitionVersion } from './crd-types.js';
import { fieldError, fieldPath } from './field-errors.js';
import { validateObjectMeta } from './metadata.js';
import { isDns1035Label, isDns1123Subdomain, nameIsDnsSubdomain, type NameValidator } from './names.js';

/** Returns a copy with the fields Kubernetes defaults on CRDs: singular, listKind, conversion. */
export function defaultCrd(crd: CustomResourceDefinition): CustomResourceDefinition {
  const out = structuredClone(crd);
  const names = (out.spec.names ??= {});
  if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  out.spec.conversion ??= { strategy: 'None' };
  return out;
}

/** Checks a CRD (already defaulted with `defaultCrd`) and returns every cause Kubernetes gives. */
export function validateCrd(crd: CustomResourceDefinition): StatusCause[] {
  const spec = crd.spec ?? {};
  const required = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  // Kubernetes applies this rule to generateName too, so a CRD can never use generateName.
  const validateName: NameValidator = (name, options) => {
    const errs = nameIsDnsSubdomain(name, options);
    if (name !== required) errs.push('must be spec.names.plural+"."+spec.group');
    return errs;
  };
  return [
    ...validateObjectMeta(crd.metadata, { namespaced: false, validateName }),
    ...validateGroup(spec.group, 'spec.group'),
    ...validateScope(spec.scope, 'spec.scope'),
    ...validateVersions(Array.isArray(spec.versions) ? spec.versions : [], 'spec.versions'),
    ...validateNames(spec.names ?? {}, 'spec.names'),
  ];
}

function validateGroup(group: string | undefined, path: string): StatusCause[] {
  if (!group) return [fieldError.required(path)];
  const errs = isDns1123Subdomain(group);
  if (errs.length) return [fieldError.invalid(path, group, errs.join(','))];
  if (group.split('.').length < 2) return [fieldError.invalid(path, group, 'should be a domain with at least one dot')];
  return [];
}

function validateScope(scope: string | undefined, path: string): StatusCause[] {
  if (!scope) return [fieldError.required(path)];
  if (scope !== 'Cluster' && scope !== 'Namespaced') return [fieldError.notSupported(path, scope, ['Cluster', 'Namespaced'])];
  return [];
}

function validateVersions(versions: CustomResourceDefinitionVersion[], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const name = v.name ?? '';
    if (seen.has(name)) unique = false;
    seen.add(name);
    const errs = isDns1035Label(name);
    if (errs.length) causes.push(fieldError.invalid(fieldPath.child(fieldPath.index(path, i), 'name'), name, errs.join(',')));
    causes.push(...validateVersionSchema(v, fieldPath.index(path, i)));
  });
  // An absent list prints as null, as Kubernetes prints a nil slice.
  const shown = versions.length ? versions : null;
  if (!unique) causes.push(fieldError.invalid(path, shown, 'must contain unique version names'));
  if (versions.filter((v) => v.storage === true).length !== 1)
    causes.push(fieldError.invalid(path, shown, 'must have exactly one version marked as storage version'));
  return causes;
}

function validateVersionSchema(version: CustomResourceDefinitionVersion, path: string): StatusCause[] {
  const schemaPath = fieldPath.child(fieldPath.child(path, 'schema'), 'openAPIV3Schema');
  const schema = version.schema?.openAPIV3Schema;
  if (!schema) return [fieldError.required(schemaPath, 'schemas are required')];
  const causes = validateStructuralSchema(schema, schemaPath);
  if (causes.length) return causes;
  try {
    compileCrdSchema(schema);
  } catch (err) {
    causes.push(fieldError.invalid(schemaPath, '', `error building validator: ${err instanceof Error ? err.message : String(err)}`));
  }
  return causes;
}

function validateNames(names: CustomResourceDefinitionNames, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of ['plural', 'singular', 'kind', 'listKind'] as const)
    if (!names[key]) causes.push(fieldError.required(fieldPath.child(path, key)));
  const label = (key: 'plural' | 'singular', value: string | undefined) => {
    const errs = value ? isDns1035Label(value) : [];
    if (errs.length) causes.push(fieldError.invalid(fieldPath.child(path, key), value, errs.join(',')));
  };
  const mixedCase = (key: 'kind' | 'listKind', value: string | undefined) => {
    const errs = value ? isDns1035Label(value.toLowerCase()) : [];
    if (errs.length)
      causes.push(fieldError.invalid(fieldPath.child(path, key), value, `may have mixed case, but should otherwise match: ${errs.join(',')}`));
  };
  label('plural', names.plural);
  label('singular', names.singular);
  mixedCase('kind', names.kind);
  mixedCase('listKind', names.listKind);
  const each = (key: 'shortNames' | 'categories') =>
    (names[key] ?? []).forEach((v, i) => {
      const errs = isDns1035Label(v);
      if (errs.length) causes.push(fieldError.invalid(fieldPath.index(fieldPath.child(path, key), i), v, errs.join(',')));
    });
  each('shortNames');
  // kind and listKind may not be equal, or a list could not be told from an item.
  if (names.kind && names.kind === names.listKind)
    causes.push(fieldError.invalid(fieldPath.child(path, 'listKind'), names.listKind, 'kind and listKind may not be the same'));
  each('categories');
  return causes;
}
