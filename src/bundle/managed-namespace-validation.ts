/**
 * Validation of a managed-namespace definition from any source (fleet.yaml, a
 * ManagedNamespace object, CLI flags), before anything is written: names are namespace
 * names and not reserved, quantities are Kubernetes quantities with requests not above
 * limits, enums match case-insensitively and are normalised to their canonical spelling.
 * Returns every problem found, each with its key path, rather than stopping at the first.
 */
import { FLOTILLA_NAMESPACES, isDns1123Label } from '../api/names.js';
import {
  ADOPTION_POLICIES,
  DELETE_POLICIES,
  MEMBER_ROLES,
  NETWORK_POLICY_RULES,
  type ManagedNamespaceDefinition,
  type ManagedNamespaceResourceQuota,
  type RoleAssignment,
} from './managed-namespace.js';
import { InvalidQuantityError, compareQuantities, isNegative, parseQuantity, type Quantity } from './quantity.js';

export interface ValidationIssue {
  reason: 'UnknownField' | 'InvalidField';
  path: Array<string | number>;
  message: string;
}

export interface ManagedNamespaceValidation {
  /** The normalised definition; present only when there is no issue. */
  definition?: ManagedNamespaceDefinition;
  issues: ValidationIssue[];
}

/** Namespaces no definition may take: Kubernetes' own and Flotilla's. */
export const RESERVED_NAMESPACES: readonly string[] = Object.freeze([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'default',
  ...FLOTILLA_NAMESPACES,
]);

const FIELDS = ['name', 'labels', 'annotations', 'resourceQuota', 'networkPolicy', 'adoptionPolicy', 'deletePolicy', 'roleAssignments'];
const QUOTA_FIELDS = ['cpuRequests', 'cpuLimits', 'memoryRequests', 'memoryLimits'] as const;
const RESERVED_KEY_PREFIX = 'flotilla.io/';

type Path = Array<string | number>;

class Collector {
  readonly issues: ValidationIssue[] = [];
  invalid(path: Path, message: string): undefined {
    this.issues.push({ reason: 'InvalidField', path, message });
    return undefined;
  }
  unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: Path): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.issues.push({ reason: 'UnknownField', path: [...path, key], message: `unknown field (allowed: ${allowed.join(', ')})` });
      }
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates and normalises one definition. */
export function validateManagedNamespace(input: unknown): ManagedNamespaceValidation {
  const c = new Collector();
  if (!isRecord(input)) {
    c.invalid([], 'a managed namespace must be a map with at least a name');
    return { issues: c.issues };
  }
  c.unknownKeys(input, FIELDS, []);
  const definition: ManagedNamespaceDefinition = { name: validateName(input.name, c) ?? '' };
  assignDefined(definition, 'labels', validateKeyValues(input.labels, ['labels'], c, { labelValues: true }));
  assignDefined(definition, 'annotations', validateKeyValues(input.annotations, ['annotations'], c, { labelValues: false }));
  assignDefined(definition, 'resourceQuota', validateQuota(input.resourceQuota, c));
  assignDefined(definition, 'networkPolicy', validateNetworkPolicy(input.networkPolicy, c));
  assignDefined(definition, 'adoptionPolicy', validateEnum(input.adoptionPolicy, ADOPTION_POLICIES, ['adoptionPolicy'], c));
  assignDefined(definition, 'deletePolicy', validateEnum(input.deletePolicy, DELETE_POLICIES, ['deletePolicy'], c));
  assignDefined(definition, 'roleAssignments', validateAssignments(input.roleAssignments, c));
  return c.issues.length === 0 ? { definition, issues: [] } : { issues: c.issues };
}

function assignDefined<K extends keyof ManagedNamespaceDefinition>(
  target: ManagedNamespaceDefinition,
  key: K,
  value: ManagedNamespaceDefinition[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

function validateName(name: unknown, c: Collector): string | undefined {
  if (typeof name !== 'string' || name === '') return c.invalid(['name'], 'name is required');
  if (!isDns1123Label(name)) {
    return c.invalid(['name'], `"${name}" is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)`);
  }
  if (RESERVED_NAMESPACES.includes(name)) return c.invalid(['name'], `"${name}" is a reserved namespace`);
  return name;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return 'prefix must be a DNS subdomain';
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return "name must be at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  return value.length <= 63 && QUALIFIED_NAME.test(value) ? undefined : 'not a valid label value';
}

function validateKeyValues(
  value: unknown,
  path: Path,
  c: Collector,
  options: { labelValues: boolean },
): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return c.invalid(path, 'must be a map of strings');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    const problem = keyProblem(key) ?? (key.startsWith(RESERVED_KEY_PREFIX) ? `keys under ${RESERVED_KEY_PREFIX} are Flotilla's own` : undefined);
    if (problem) c.invalid([...path, key], `invalid key: ${problem}`);
    if (typeof v !== 'string') {
      c.invalid([...path, key], 'value must be a string (quote it in YAML)');
      continue;
    }
    const valueProblem = options.labelValues ? labelValueProblem(v) : undefined;
    if (valueProblem) c.invalid([...path, key], valueProblem);
    out[key] = v;
  }
  return out;
}

function validateQuota(value: unknown, c: Collector): ManagedNamespaceResourceQuota | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return c.invalid(['resourceQuota'], 'must be a map');
  c.unknownKeys(value, QUOTA_FIELDS, ['resourceQuota']);
  const out: ManagedNamespaceResourceQuota = {};
  const parsed: Partial<Record<(typeof QUOTA_FIELDS)[number], Quantity>> = {};
  for (const field of QUOTA_FIELDS) {
    const raw = value[field];
    if (raw === undefined || raw === null) continue;
    const text = typeof raw === 'number' ? String(raw) : raw;
    const q = typeof text === 'string' ? quantityOrIssue(text, ['resourceQuota', field], c) : c.invalid(['resourceQuota', field], 'must be a quantity such as 500m or 1Gi');
    if (q === undefined || typeof text !== 'string') continue;
    out[field] = text;
    parsed[field] = q;
  }
  checkNotAbove(parsed.cpuRequests, parsed.cpuLimits, 'cpu', c);
  checkNotAbove(parsed.memoryRequests, parsed.memoryLimits, 'memory', c);
  return out;
}

function quantityOrIssue(text: string, path: Path, c: Collector): Quantity | undefined {
  try {
    const q = parseQuantity(text);
    return isNegative(q) ? c.invalid(path, `"${text}" must not be negative`) : q;
  } catch (err) {
    if (err instanceof InvalidQuantityError) return c.invalid(path, err.message);
    throw err;
  }
}

function checkNotAbove(request: Quantity | undefined, limit: Quantity | undefined, what: string, c: Collector): void {
  if (request === undefined || limit === undefined || compareQuantities(request, limit) <= 0) return;
  const field = what === 'cpu' ? 'cpuRequests' : 'memoryRequests';
  c.invalid(['resourceQuota', field], `${what} requests (${request.text}) must not be above ${what} limits (${limit.text})`);
}

function validateNetworkPolicy(value: unknown, c: Collector): ManagedNamespaceDefinition['networkPolicy'] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return c.invalid(['networkPolicy'], 'must be a map with ingress and/or egress');
  c.unknownKeys(value, ['ingress', 'egress'], ['networkPolicy']);
  const out: NonNullable<ManagedNamespaceDefinition['networkPolicy']> = {};
  const ingress = validateEnum(value.ingress, NETWORK_POLICY_RULES, ['networkPolicy', 'ingress'], c);
  const egress = validateEnum(value.egress, NETWORK_POLICY_RULES, ['networkPolicy', 'egress'], c);
  if (ingress) out.ingress = ingress;
  if (egress) out.egress = egress;
  return out;
}

/** Case-insensitive match against the allowed values, returning the canonical spelling. */
export function matchEnum<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const wanted = value.replaceAll('-', '').toLowerCase();
  return allowed.find((a) => a.toLowerCase() === wanted);
}

function validateEnum<T extends string>(value: unknown, allowed: readonly T[], path: Path, c: Collector): T | undefined {
  if (value === undefined || value === null) return undefined;
  const match = typeof value === 'string' ? matchEnum(value, allowed) : undefined;
  return match ?? c.invalid(path, `"${String(value)}" is not one of ${allowed.join(', ')}`);
}

function validateStringList(value: unknown, path: Path, c: Collector): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
    return c.invalid(path, 'must be a list of non-empty names');
  }
  return [...(value as string[])];
}

function validateAssignments(value: unknown, c: Collector): RoleAssignment[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return c.invalid(['roleAssignments'], 'must be a list');
  const out: RoleAssignment[] = [];
  value.forEach((item: unknown, i) => {
    const path = ['roleAssignments', i];
    if (!isRecord(item)) return c.invalid(path, 'must be a map with role and users or groups');
    c.unknownKeys(item, ['role', 'users', 'groups'], path);
    const role = validateEnum(item.role, MEMBER_ROLES, [...path, 'role'], c) ?? (item.role === undefined ? c.invalid([...path, 'role'], 'role is required') : undefined);
    const users = validateStringList(item.users, [...path, 'users'], c);
    const groups = validateStringList(item.groups, [...path, 'groups'], c);
    if ((users?.length ?? 0) + (groups?.length ?? 0) === 0) c.invalid(path, 'needs at least one user or group');
    if (role === undefined) return undefined;
    const assignment: RoleAssignment = { role };
    if (users) assignment.users = users;
    if (groups) assignment.groups = groups;
    out.push(assignment);
    return undefined;
  });
  return out;
}
