/**
 * The query of a list or watch request, parsed once: label and field selectors, pagination,
 * resourceVersion semantics and watch options. Matching an object against the selectors is
 * here too, so list and watch filter alike.
 */
import { LabelSelectorError, matches, parseLabelSelector, type Requirement } from '../../api/label-selector.js';
import type { KubeObject } from '../../api/meta.js';
import { errors } from '../status.js';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface ListQuery {
  labels: Requirement[];
  fields: FieldRequirement[];
  limit: number | undefined;
  continueToken: string | undefined;
  resourceVersion: string | undefined;
  resourceVersionMatch: string | undefined;
  watch: boolean;
  timeoutSeconds: number | undefined;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean | undefined;
}

/** Field paths every kind supports, and the few extra ones Kubernetes adds per kind. */
const COMMON_FIELDS = new Set(['metadata.name', 'metadata.namespace']);
const KIND_FIELDS: Record<string, string[]> = {
  Secret: ['type'],
  Namespace: ['status.phase'],
  Pod: ['status.phase', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.podIP'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
};

export function parseFieldSelector(text: string, kind: string): FieldRequirement[] {
  if (!text.trim()) return [];
  return text.split(',').map((part) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = m[1]!;
    if (!COMMON_FIELDS.has(field) && !(KIND_FIELDS[kind] ?? []).includes(field)) {
      throw errors.badRequest(`field label not supported: ${field}`);
    }
    return { field, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

export function parseListQuery(params: URLSearchParams, kind: string): ListQuery {
  let labels: Requirement[];
  try {
    labels = parseLabelSelector(params.get('labelSelector') ?? '');
  } catch (err) {
    if (err instanceof LabelSelectorError) throw errors.badRequest(`unable to parse requirement: ${err.message}`);
    throw err;
  }
  const limitText = params.get('limit');
  const limit = limitText ? Number(limitText) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw errors.badRequest(`invalid limit: ${limitText}`);
  const timeoutText = params.get('timeoutSeconds');
  const watchText = params.get('watch');
  const sendInitial = params.get('sendInitialEvents');
  return {
    labels,
    fields: parseFieldSelector(params.get('fieldSelector') ?? '', kind),
    limit: limit || undefined,
    continueToken: params.get('continue') || undefined,
    resourceVersion: params.get('resourceVersion') ?? undefined,
    resourceVersionMatch: params.get('resourceVersionMatch') ?? undefined,
    watch: watchText === 'true' || watchText === '1',
    timeoutSeconds: timeoutText ? Number(timeoutText) : undefined,
    allowWatchBookmarks: params.get('allowWatchBookmarks') === 'true',
    sendInitialEvents: sendInitial === null ? undefined : sendInitial === 'true',
  };
}

export function matchesQuery(obj: KubeObject, q: Pick<ListQuery, 'labels' | 'fields'>): boolean {
  if (q.labels.length && !matches(q.labels, obj.metadata.labels)) return false;
  for (const f of q.fields) {
    const equal = fieldValue(obj, f.field) === f.value;
    if (equal !== (f.op === '=')) return false;
  }
  return true;
}

/** The opaque continue token: where the next page starts, and the list's resourceVersion. */
export interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return { rv: parsed.rv, start: parsed.start };
  } catch {
    // Fall through to the error below.
  }
  throw errors.badRequest('invalid value for continue');
}
