/**
 * The definition flags of `flotilla namespace create|update`, turned into the parts of a
 * ManagedNamespace spec they set, checked before anything reaches the hub: `k=v` pairs,
 * Kubernetes quantities, and enum values matched case-insensitively (`allowAll`,
 * `ifIdentical`, `cluster-admin`) with the allowed values named when one does not match.
 * Only the flags given appear in the result, so `update` can change just those.
 */
import {
  ADOPTION_POLICIES,
  DELETE_POLICIES,
  NETWORK_POLICY_RULES,
  type NamespaceDefinition,
  type NamespaceNetworkPolicy,
  type NamespaceResourceQuota,
  type NetworkPolicyRule,
} from '../../../api/namespace-definition.js';
import { InvalidQuantityError, matchEnum, parseQuantity } from '../../../bundle/index.js';
import { ArgumentError } from '../../output/label-arguments.js';

/** The flags as commander hands them over. */
export interface DefinitionFlags {
  labels?: string[];
  annotations?: string[];
  cpuRequests?: string;
  cpuLimits?: string;
  memoryRequests?: string;
  memoryLimits?: string;
  ingressPolicy?: string;
  egressPolicy?: string;
  adoptionPolicy?: string;
  deletePolicy?: string;
  memberClusterNames?: string[];
}

/** What the given flags set; an absent field was not given. */
export type DefinitionChanges = Omit<NamespaceDefinition, 'roleAssignments'> & { memberClusterNames?: string[] };

/** The spelling the CLI documents: camelCase with a lower-case first letter (`allowSameNamespace`). */
export function cliSpelling(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

/** An enum flag's value in its canonical spelling, or an error naming the allowed values. */
export function enumFlag<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const match = matchEnum(value, allowed);
  if (match === undefined) throw new ArgumentError(`${flag} ${value}: not one of ${allowed.map(cliSpelling).join(', ')}`);
  return match;
}

export function keyValues(flag: string, pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ArgumentError(`${flag} ${pair}: expected key=value`);
    const key = pair.slice(0, eq);
    if (key in out) throw new ArgumentError(`${flag} ${pair}: ${key} is given more than once`);
    out[key] = pair.slice(eq + 1);
  }
  return out;
}

function quantityFlag(flag: string, value: string): string {
  try {
    parseQuantity(value);
    return value;
  } catch (err) {
    if (err instanceof InvalidQuantityError) throw new ArgumentError(`${flag} ${value}: not a Kubernetes quantity (e.g. 500m or 2 for cpu, 512Mi or 1Gi for memory)`, { cause: err });
    throw err;
  }
}

const QUOTA_FLAGS = [
  ['cpuRequests', '--cpu-requests'],
  ['cpuLimits', '--cpu-limits'],
  ['memoryRequests', '--memory-requests'],
  ['memoryLimits', '--memory-limits'],
] as const;

function quotaChanges(flags: DefinitionFlags): NamespaceResourceQuota | undefined {
  const quota: NamespaceResourceQuota = {};
  for (const [field, flag] of QUOTA_FLAGS) {
    const value = flags[field];
    if (value !== undefined) quota[field] = quantityFlag(flag, value);
  }
  return Object.keys(quota).length > 0 ? quota : undefined;
}

function policyChanges(flags: DefinitionFlags): NamespaceNetworkPolicy | undefined {
  const policy: NamespaceNetworkPolicy = {};
  const rule = (flag: string, value: string): NetworkPolicyRule => enumFlag(flag, value, NETWORK_POLICY_RULES);
  if (flags.ingressPolicy !== undefined) policy.ingress = rule('--ingress-policy', flags.ingressPolicy);
  if (flags.egressPolicy !== undefined) policy.egress = rule('--egress-policy', flags.egressPolicy);
  return Object.keys(policy).length > 0 ? policy : undefined;
}

function members(names: readonly string[]): string[] {
  for (const name of names) if (name === '' || name.startsWith('-')) throw new ArgumentError(`--member-cluster-names ${name}: not a cluster name`);
  return [...new Set(names)];
}

export function definitionChanges(flags: DefinitionFlags): DefinitionChanges {
  const changes: DefinitionChanges = {};
  if (flags.labels !== undefined) changes.labels = keyValues('--labels', flags.labels);
  if (flags.annotations !== undefined) changes.annotations = keyValues('--annotations', flags.annotations);
  const quota = quotaChanges(flags);
  if (quota) changes.resourceQuota = quota;
  const policy = policyChanges(flags);
  if (policy) changes.networkPolicy = policy;
  if (flags.adoptionPolicy !== undefined) changes.adoptionPolicy = enumFlag('--adoption-policy', flags.adoptionPolicy, ADOPTION_POLICIES);
  if (flags.deletePolicy !== undefined) changes.deletePolicy = enumFlag('--delete-policy', flags.deletePolicy, DELETE_POLICIES);
  if (flags.memberClusterNames !== undefined) changes.memberClusterNames = members(flags.memberClusterNames);
  return changes;
}
