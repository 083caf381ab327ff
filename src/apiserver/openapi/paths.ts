/**
 * The `paths` of a group-version document for one resource: list, create, get, update,
 * patch, delete and the status subresource, each with `x-kubernetes-action` and
 * `x-kubernetes-group-version-kind` as kube-apiserver publishes them.
 *
 * Two details kubectl 1.32 depends on:
 * - every PATCH, PUT and POST lists the `fieldValidation` query parameter: kubectl looks for
 *   it on the PATCH operation of the kind (or of Namespace, for a CRD) to decide that the
 *   server validates fields itself; without it kubectl falls back to client-side validation
 *   through /openapi/v2, which this server does not serve, and `kubectl apply` fails.
 * - the PATCH request body lists `application/strategic-merge-patch+json` only for built-in
 *   kinds: kubectl then computes client-side apply patches with the schemas' patch strategies
 *   and merge keys; for custom resources it sends a JSON merge patch, as against a real cluster.
 */
import type { ServedResource } from './served-resource.js';

export type Operation = Record<string, unknown>;
export type PathItem = Partial<Record<'get' | 'put' | 'post' | 'patch' | 'delete', Operation>> & {
  parameters?: Parameter[];
};
interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: { type: string; uniqueItems?: boolean };
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

function param(name: string, where: 'query' | 'path', type: string, description: string): Parameter {
  const p: Parameter = { name, in: where, description, schema: { type, uniqueItems: true } };
  if (where === 'path') p.required = true;
  return p;
}

const write = [
  param('dryRun', 'query', 'string', 'When present, changes are validated but not persisted. The only valid value is All.'),
  param('fieldManager', 'query', 'string', 'The name of the actor making these changes, recorded in managedFields.'),
  param('fieldValidation', 'query', 'string', 'How to treat unknown or duplicate fields in the request body: Ignore, Warn (the default) or Strict.'),
];
const listParams = [
  param('labelSelector', 'query', 'string', 'Only return objects whose labels match this selector.'),
  param('fieldSelector', 'query', 'string', 'Only return objects whose fields match this selector.'),
  param('limit', 'query', 'integer', 'The most objects to return in one page; continue with the returned continue token.'),
  param('continue', 'query', 'string', 'The continue token of the previous page.'),
  param('resourceVersion', 'query', 'string', 'Which resource version to serve the list or start the watch from.'),
  param('resourceVersionMatch', 'query', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  param('watch', 'query', 'boolean', 'Watch for changes instead of listing.'),
  param('allowWatchBookmarks', 'query', 'boolean', 'Ask for BOOKMARK events during a watch.'),
  param('sendInitialEvents', 'query', 'boolean', 'Start a watch with the current objects as ADDED events.'),
  param('timeoutSeconds', 'query', 'integer', 'End the list or watch after this many seconds.'),
];
const nameParam = (kind: string) => param('name', 'path', 'string', `name of the ${kind}`);
const namespaceParam = param('namespace', 'path', 'string', 'object name and auth scope, such as for teams and projects');
const prettyParam = param('pretty', 'query', 'string', "If 'true', then the output is pretty printed.");

/** `rbac.authorization.k8s.io` → `RbacAuthorization`, `''` → `Core`, as operation ids spell groups. */
export function groupIdPart(group: string): string {
  if (!group) return 'Core';
  const trimmed = group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group;
  return trimmed
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function content(schemaRef: string, types: string[]): Record<string, unknown> {
  return Object.fromEntries(types.map((t) => [t, { schema: { $ref: `#/components/schemas/${schemaRef}` } }]));
}

const READ_TYPES = ['application/json', 'application/yaml'];

interface OpSpec {
  action: string;
  verb: string;
  description: string;
  response: string;
  parameters?: Parameter[];
  body?: { schema: string; types: string[] };
}

interface Context {
  resource: ServedResource;
  schemaName: string;
  listSchemaName: string;
  idSuffix: string;
}

function operation(ctx: Context, spec: OpSpec): Operation {
  const { group, version, kind } = ctx.resource;
  const op: Operation = {
    description: spec.description,
    operationId: `${spec.verb}${groupIdPart(group)}${version.charAt(0).toUpperCase()}${version.slice(1)}${ctx.idSuffix}`,
    parameters: spec.parameters ?? [],
    responses: {
      '200': { description: 'OK', content: content(spec.response, READ_TYPES) },
      '401': { description: 'Unauthorized' },
    },
    tags: [`${groupIdPart(group).toLowerCase()}_${version}`],
    'x-kubernetes-action': spec.action,
    'x-kubernetes-group-version-kind': { group, kind, version },
  };
  if (spec.body) op.requestBody = { required: true, content: content(spec.body.schema, spec.body.types) };
  return op;
}

function patchTypes(resource: ServedResource): string[] {
  const types = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  return resource.custom ? types : [...types, 'application/strategic-merge-patch+json'];
}

function itemPath(ctx: Context, suffix: string, what: string): PathItem {
  const { resource, schemaName } = ctx;
  const can = (verb: string) => resource.verbs.includes(verb);
  const item: PathItem = { parameters: [nameParam(resource.kind), ...(resource.namespaced ? [namespaceParam] : []), prettyParam] };
  const sub = suffix ? `${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}` : '';
  const withSub = (c: Context): Context => ({ ...c, idSuffix: `${c.idSuffix}${sub}` });
  if (can('get')) item.get = operation(withSub(ctx), { action: 'get', verb: 'read', description: `read ${what} of the specified ${resource.kind}`, response: schemaName });
  if (can('update')) item.put = operation(withSub(ctx), { action: 'put', verb: 'replace', description: `replace ${what} of the specified ${resource.kind}`, response: schemaName, parameters: write, body: { schema: schemaName, types: ['application/json', 'application/yaml'] } });
  if (can('patch')) item.patch = operation(withSub(ctx), { action: 'patch', verb: 'patch', description: `partially update ${what} of the specified ${resource.kind}`, response: schemaName, parameters: [...write, param('force', 'query', 'boolean', 'Force an apply request to take fields other managers own.')], body: { schema: `${META}.Patch`, types: patchTypes(resource) } });
  if (!suffix && can('delete')) item.delete = operation(ctx, { action: 'delete', verb: 'delete', description: `delete a ${resource.kind}`, response: `${META}.Status`, parameters: [write[0]!, param('gracePeriodSeconds', 'query', 'integer', 'Seconds before the object is deleted.'), param('propagationPolicy', 'query', 'string', 'Orphan, Background or Foreground.')] });
  return item;
}

function collectionPath(ctx: Context): PathItem {
  const { resource, schemaName, listSchemaName } = ctx;
  const can = (verb: string) => resource.verbs.includes(verb);
  const path: PathItem = { parameters: [...(resource.namespaced ? [namespaceParam] : []), prettyParam] };
  const listCtx = { ...ctx, idSuffix: ctx.idSuffix };
  if (can('list')) path.get = operation(listCtx, { action: 'list', verb: 'list', description: `list or watch objects of kind ${resource.kind}`, response: listSchemaName, parameters: listParams });
  if (can('create')) path.post = operation(ctx, { action: 'post', verb: 'create', description: `create a ${resource.kind}`, response: schemaName, parameters: write, body: { schema: schemaName, types: ['application/json', 'application/yaml'] } });
  if (can('deletecollection')) path.delete = operation({ ...ctx, idSuffix: `Collection${ctx.idSuffix}` }, { action: 'deletecollection', verb: 'delete', description: `delete collection of ${resource.kind}`, response: `${META}.Status`, parameters: listParams });
  return path;
}

/** The URL prefix of a group-version: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** The paths that serve one resource, keyed by URL template. */
export function resourcePaths(resource: ServedResource, names: { schema: string; list: string }): Record<string, PathItem> {
  const prefix = groupVersionPrefix(resource.group, resource.version);
  const scope = resource.namespaced ? 'Namespaced' : '';
  const ctx: Context = { resource, schemaName: names.schema, listSchemaName: names.list, idSuffix: `${scope}${resource.kind}` };
  const base = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.plural}` : `${prefix}/${resource.plural}`;
  const paths: Record<string, PathItem> = {
    [base]: collectionPath(ctx),
    [`${base}/{name}`]: itemPath(ctx, '', 'the'),
  };
  if (resource.namespaced && resource.verbs.includes('list')) {
    const all: PathItem = { parameters: [prettyParam] };
    all.get = operation({ ...ctx, idSuffix: `${resource.kind}ForAllNamespaces` }, { action: 'list', verb: 'list', description: `list or watch objects of kind ${resource.kind}`, response: names.list, parameters: listParams });
    paths[`${prefix}/${resource.plural}`] = all;
  }
  for (const sub of resource.subresources ?? []) {
    if (sub === 'status') paths[`${base}/{name}/status`] = itemPath(ctx, 'status', 'status');
  }
  return paths;
}
