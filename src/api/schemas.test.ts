import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './crd.js';
import * as examples from './examples/index.js';
import { ALL_KINDS, type FlotillaKind } from './index.js';
import type { BundleDeployment, Bundle, GitRepo, ManagedNamespace } from './index.js';

/** Each example is also a value of its kind's type (FullyPopulated is the stricter type). */
const EXAMPLES: Record<FlotillaKind, { metadata: { name?: string } }> = {
  GitRepo: examples.gitRepoExample satisfies GitRepo,
  Bundle: examples.bundleExample satisfies Bundle,
  BundleDeployment: examples.bundleDeploymentExample satisfies BundleDeployment,
  Content: examples.contentExample,
  Cluster: examples.clusterExample,
  ClusterGroup: examples.clusterGroupExample,
  ClusterRegistrationToken: examples.clusterRegistrationTokenExample,
  ClusterRegistration: examples.clusterRegistrationExample,
  BundleNamespaceMapping: examples.bundleNamespaceMappingExample,
  GitRepoRestriction: examples.gitRepoRestrictionExample,
  ManagedNamespace: examples.managedNamespaceExample satisfies ManagedNamespace,
};

/**
 * The schema as the API server applies it, but closed: where Kubernetes would silently prune
 * an unknown field, this refuses it, so a field the type has and the schema lacks shows.
 */
function closed(schema: JSONSchemaProps, isMetadata = false): JSONSchemaProps {
  const out: JSONSchemaProps = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, closed(v, k === 'metadata' && !isMetadata)]));
    const open = isMetadata || schema['x-kubernetes-preserve-unknown-fields'] === true;
    if (!open && schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.items) out.items = closed(schema.items);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = closed(schema.additionalProperties);
  return out;
}

/** What the API server enforces for list types: sets hold unique items, maps unique keys. */
function listTypeHolds(listType: unknown, data: unknown, parent?: JSONSchemaProps): boolean {
  if (!Array.isArray(data) || listType === 'atomic') return true;
  const keys = parent?.['x-kubernetes-list-map-keys'] ?? [];
  const identity = (item: unknown): string =>
    listType === 'map' ? JSON.stringify(keys.map((k) => (item as Record<string, unknown>)[k])) : JSON.stringify(item);
  return new Set(data.map(identity)).size === data.length;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addKeyword({ keyword: 'x-kubernetes-list-type', validate: listTypeHolds, errors: false });
  for (const keyword of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-int-or-string',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    'x-kubernetes-validations',
    'x-kubernetes-embedded-resource',
  ]) {
    ajv.addKeyword(keyword);
  }
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

const ajv = newAjv();
const validators = new Map<FlotillaKind, ValidateFunction>(
  ALL_KINDS.map((k) => [k.kind, ajv.compile(closed(k.crd.spec.versions[0]?.schema.openAPIV3Schema ?? {}))]),
);

function validate(kind: FlotillaKind, object: unknown): string[] {
  const v = validators.get(kind);
  if (!v) throw new Error(`no validator for ${kind}`);
  return v(object) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Paths the schema declares that the example does not set (every object, every list item). */
function missingFields(schema: JSONSchemaProps, value: unknown, path: string): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields'] || value === undefined) return [];
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    const items = schema.items;
    if (items.type === 'object' && items.properties && value.length === 0) return [`${path}[] (empty list)`];
    return value.flatMap((item, i) => missingFields(items, item, `${path}[${i}]`));
  }
  if (!schema.properties || typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  return Object.entries(schema.properties).flatMap(([key, sub]) =>
    key in record ? missingFields(sub, record[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

const exampleCases = ALL_KINDS.map((k) => ({ name: k.kind, kind: k.kind, schema: k.crd.spec.versions[0]?.schema.openAPIV3Schema ?? {} }));

describe('the fully populated example of each kind', () => {
  it.each(exampleCases)('$name validates against its CRD schema', ({ kind }) => {
    expect(validate(kind, EXAMPLES[kind])).toEqual([]);
  });

  it.each(exampleCases)('$name sets every field its CRD schema declares', ({ kind, schema }) => {
    expect(missingFields(schema, EXAMPLES[kind], '')).toEqual([]);
  });
});

type Mutation = (o: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- test mutations poke at arbitrary paths

const badCases: { name: string; kind: FlotillaKind; mutate: Mutation; error: RegExp }[] = [
  { name: 'a GitRepo without repo is refused', kind: 'GitRepo', mutate: (o) => delete o.spec.repo, error: /must have required property 'repo'/ },
  { name: 'a GitRepo with a repo that is not a URL is refused', kind: 'GitRepo', mutate: (o) => (o.spec.repo = 'not a url'), error: /spec\/repo must match pattern/ },
  { name: 'a GitRepo without spec is refused', kind: 'GitRepo', mutate: (o) => delete o.spec, error: /must have required property 'spec'/ },
  { name: 'a GitRepo whose name has capitals is refused', kind: 'GitRepo', mutate: (o) => (o.metadata.name = 'My_Repo'), error: /metadata\/name must match pattern/ },
  { name: 'a GitRepo with a polling interval that is not a duration is refused', kind: 'GitRepo', mutate: (o) => (o.spec.pollingInterval = 'often'), error: /pollingInterval must match pattern/ },
  { name: 'a GitRepo with a misspelt field is refused (pruned by Kubernetes)', kind: 'GitRepo', mutate: (o) => (o.spec.brnach = 'main'), error: /must NOT have additional properties/ },
  { name: 'a GitRepo with a duplicate path is refused', kind: 'GitRepo', mutate: (o) => (o.spec.paths = ['a', 'a']), error: /paths must pass "x-kubernetes-list-type" keyword validation/ },
  { name: 'a condition with status Maybe is refused', kind: 'GitRepo', mutate: (o) => (o.status.conditions[0].status = 'Maybe'), error: /conditions\/0\/status must be equal to one of the allowed values/ },
  { name: 'a label selector with an unknown operator is refused', kind: 'ClusterGroup', mutate: (o) => (o.spec.selector.matchExpressions[0].operator = 'Like'), error: /operator must be equal to one of the allowed values/ },
  { name: 'a Bundle resource with an unknown encoding is refused', kind: 'Bundle', mutate: (o) => (o.spec.resources[0].encoding = 'zip'), error: /encoding must be equal to one of the allowed values/ },
  { name: 'a Bundle resource without a name is refused', kind: 'Bundle', mutate: (o) => delete o.spec.resources[0].name, error: /must have required property 'name'/ },
  { name: 'a rollout maxUnavailable that is neither a count nor a percentage is refused', kind: 'Bundle', mutate: (o) => (o.spec.rolloutStrategy.maxUnavailable = 'half'), error: /maxUnavailable must match pattern/ },
  { name: 'a dependsOn accepted state that is not a bundle state is refused', kind: 'Bundle', mutate: (o) => (o.spec.dependsOn[0].acceptedStates = ['Done']), error: /must be equal to one of the allowed values/ },
  { name: 'a BundleDeployment with a malformed deploymentID is refused', kind: 'BundleDeployment', mutate: (o) => (o.spec.deploymentID = 'S-ABC'), error: /deploymentID must match pattern/ },
  { name: 'a Content with a sha256sum that is not 64 hex digits is refused', kind: 'Content', mutate: (o) => (o.sha256sum = 'abc'), error: /sha256sum must match pattern/ },
  { name: 'a Content whose content is not base64 is refused', kind: 'Content', mutate: (o) => (o.content = 'not base64!'), error: /content must match format "byte"/ },
  { name: 'a Cluster with a heartbeat that is not a timestamp is refused', kind: 'Cluster', mutate: (o) => (o.status.agent.lastSeen = 'yesterday'), error: /lastSeen must match format "date-time"/ },
  { name: 'a negative cluster count is refused', kind: 'ClusterGroup', mutate: (o) => (o.status.clusterCount = -1), error: /clusterCount must be >= 0/ },
  { name: 'a token whose ttl is not a duration is refused', kind: 'ClusterRegistrationToken', mutate: (o) => (o.spec.ttl = 'forever'), error: /ttl must match pattern/ },
  { name: 'a ClusterRegistration without clientID is refused', kind: 'ClusterRegistration', mutate: (o) => delete o.spec.clientID, error: /must have required property 'clientID'/ },
  { name: 'a BundleNamespaceMapping without namespaceSelector is refused', kind: 'BundleNamespaceMapping', mutate: (o) => delete o.namespaceSelector, error: /must have required property 'namespaceSelector'/ },
  { name: 'a GitRepoRestriction with a non-boolean allowClusterAdminRoleAssignments is refused', kind: 'GitRepoRestriction', mutate: (o) => (o.allowClusterAdminRoleAssignments = 'yes'), error: /must be boolean/ },
  { name: 'a ManagedNamespace with adoption policy Sometimes is refused', kind: 'ManagedNamespace', mutate: (o) => (o.spec.adoptionPolicy = 'Sometimes'), error: /adoptionPolicy must be equal to one of the allowed values/ },
  { name: 'a ManagedNamespace with delete policy in lower case is refused', kind: 'ManagedNamespace', mutate: (o) => (o.spec.deletePolicy = 'delete'), error: /deletePolicy must be equal to one of the allowed values/ },
  { name: 'a ManagedNamespace with ingress AllowSome is refused', kind: 'ManagedNamespace', mutate: (o) => (o.spec.networkPolicy.ingress = 'AllowSome'), error: /ingress must be equal to one of the allowed values/ },
  { name: 'a ManagedNamespace with role Owner is refused', kind: 'ManagedNamespace', mutate: (o) => (o.spec.roleAssignments[0].role = 'Owner'), error: /role must be equal to one of the allowed values/ },
  { name: 'a ManagedNamespace with the same member twice in status is refused', kind: 'ManagedNamespace', mutate: (o) => (o.status.members[1].clusterName = 'prod-1'), error: /members must pass "x-kubernetes-list-type" keyword validation/ },
  { name: 'a ManagedNamespace role assignment without a subject name is refused', kind: 'ManagedNamespace', mutate: (o) => delete o.spec.roleAssignments[0].name, error: /must have required property 'name'/ },
  { name: 'a ManagedNamespace with a quota that is not a quantity is refused', kind: 'ManagedNamespace', mutate: (o) => (o.spec.resourceQuota.cpuLimits = 'two cores'), error: /cpuLimits must match pattern/ },
  { name: 'a ManagedNamespace named like no namespace can be is refused', kind: 'ManagedNamespace', mutate: (o) => (o.metadata.name = 'team.a'), error: /metadata\/name must match pattern/ },
  { name: 'a ManagedNamespace name longer than 63 characters is refused', kind: 'ManagedNamespace', mutate: (o) => (o.metadata.name = 'a'.repeat(64)), error: /metadata\/name must NOT have more than 63 characters/ },
  { name: 'a member state that is not a member state is refused', kind: 'ManagedNamespace', mutate: (o) => (o.status.members[0].state = 'Done'), error: /state must be equal to one of the allowed values/ },
];

describe('bad objects', () => {
  it.each(badCases)('$name', ({ kind, mutate, error }) => {
    const object = structuredClone(EXAMPLES[kind]) as Record<string, unknown>;
    mutate(object);
    expect(validate(kind, object).join('\n')).toMatch(error);
  });
});
