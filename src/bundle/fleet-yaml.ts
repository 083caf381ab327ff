/**
 * fleet.yaml: the per-bundle options file of Rancher Fleet, read as Fleet reads it. Keys
 * Flotilla implements come back typed; a Fleet key Flotilla does not implement yet comes
 * back as a finding (for a "not supported yet" condition, never a silent skip); anything
 * else, or a value of the wrong shape, is a BundleError naming the file, line and key path.
 */
import type { HelmOptions } from '../api/helm-options.js';
import type { LabelSelector } from '../api/meta.js';
import { isDns1123Label } from '../api/names.js';
import { BundleError } from './bundle-error.js';
import { FLEET_YAML_SCHEMA } from './fleet-yaml-schema.js';
import { checkHelmOptions } from './helm/check-helm-options.js';
import type { ManagedNamespaceDefinition } from './managed-namespace.js';
import { validateManagedNamespace } from './managed-namespace-validation.js';
import { isRelativeInside } from './relative-path.js';
import { parseYamlDocuments, type YamlDocument, type YamlLimits } from './safe-yaml.js';
import { SchemaChecker, formatPath, type SchemaPath, type SchemaProblem } from './schema-check.js';

export interface ComparePatch {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  operations?: Array<{ op?: string; path?: string; value?: string }>;
  jsonPointers?: string[];
}

export interface CorrectDrift {
  enabled?: boolean;
  force?: boolean;
  keepFailHistory?: boolean;
}

/** The options a target customization may override (Fleet's BundleDeploymentOptions, implemented part). */
export interface BundleOptions {
  defaultNamespace?: string;
  namespace?: string;
  targetNamespace?: string;
  serviceAccount?: string;
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  yaml?: { overlays?: string[] };
  kustomize?: { dir?: string };
  /** A Helm chart to render (src/bundle/helm). */
  helm?: HelmOptions;
  diff?: { comparePatches?: ComparePatch[] };
  correctDrift?: CorrectDrift;
  keepResources?: boolean;
  deleteNamespace?: boolean;
  ignore?: { conditions?: Array<Record<string, string>> };
}

export interface TargetMatchers {
  name?: string;
  clusterName?: string;
  clusterSelector?: LabelSelector;
  clusterGroup?: string;
  clusterGroupSelector?: LabelSelector;
}

export interface TargetCustomization extends BundleOptions, TargetMatchers {
  doNotDeploy?: boolean;
}

export interface RolloutStrategy {
  maxUnavailable?: number | string;
  maxUnavailablePartitions?: number | string;
  autoPartitionSize?: number | string;
  autoPartitionThreshold?: number;
  maxNew?: number;
  partitions?: Array<TargetMatchers & { maxUnavailable?: number | string }>;
}

export interface DependsOn {
  name?: string;
  selector?: LabelSelector;
  acceptedStates?: string[];
}

export interface FleetYaml extends BundleOptions {
  name?: string;
  labels?: Record<string, string>;
  paused?: boolean;
  rolloutStrategy?: RolloutStrategy;
  dependsOn?: DependsOn[];
  targetCustomizations?: TargetCustomization[];
  managedNamespaces?: ManagedNamespaceDefinition[];
}

/** A Fleet key Flotilla accepts but does not implement yet. */
export interface FleetYamlFinding {
  reason: 'NotSupported';
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export interface ParsedFleetYaml {
  fleetYaml: FleetYaml;
  findings: FleetYamlFinding[];
}

export interface ParseFleetYamlOptions {
  /** Path of the file, for errors. */
  file: string;
  limits?: Partial<YamlLimits>;
}

/** Parses and validates one fleet.yaml. Throws BundleError on the first error (in file order). */
export function parseFleetYaml(text: string, options: ParseFleetYamlOptions): ParsedFleetYaml {
  const { file } = options;
  const docs = parseYamlDocuments(text, { file, limits: options.limits }).filter((d) => d.value !== null);
  if (docs.length > 1) {
    throw new BundleError({ reason: 'InvalidField', file, ...(docs[1] as YamlDocument).position, message: 'fleet.yaml must hold a single YAML document' });
  }
  const doc = docs[0];
  if (doc === undefined) return { fleetYaml: {}, findings: [] };
  const checker: SchemaChecker = new SchemaChecker({
    managedNamespaces: (value: unknown, path: SchemaPath): unknown => checkManagedNamespaces(value, path, checker),
  });
  const accepted = checker.check(doc.value, FLEET_YAML_SCHEMA, []);
  const fleetYaml = (accepted ?? {}) as FleetYaml;
  checkSemantics(fleetYaml, checker);
  const errors = checker.problems.filter((p) => p.kind !== 'NotSupported');
  const first = errors.map((p) => ({ p, at: doc.locate(p.path) })).sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)[0];
  if (first) {
    throw new BundleError({ reason: first.p.kind as 'UnknownField' | 'InvalidField', file, ...first.at, field: formatPath(first.p.path), message: first.p.message });
  }
  const findings = checker.problems.map((p) => toFinding(p, file, doc));
  return { fleetYaml, findings };
}

function toFinding(p: SchemaProblem, file: string, doc: YamlDocument): FleetYamlFinding {
  return { reason: 'NotSupported', file, ...doc.locate(p.path), field: formatPath(p.path), message: p.message };
}

function checkManagedNamespaces(value: unknown, path: SchemaPath, checker: SchemaChecker): ManagedNamespaceDefinition[] | undefined {
  if (!Array.isArray(value)) {
    checker.problems.push({ kind: 'InvalidField', path, message: 'must be a list of managed namespaces' });
    return undefined;
  }
  const seen = new Set<string>();
  const out: ManagedNamespaceDefinition[] = [];
  value.forEach((item: unknown, i) => {
    const result = validateManagedNamespace(item);
    for (const issue of result.issues) {
      checker.problems.push({ kind: issue.reason, path: [...path, i, ...issue.path], message: issue.message });
    }
    if (!result.definition) return;
    if (seen.has(result.definition.name)) {
      checker.problems.push({ kind: 'InvalidField', path: [...path, i, 'name'], message: `"${result.definition.name}" is defined twice` });
    }
    seen.add(result.definition.name);
    out.push(result.definition);
  });
  return out;
}

/** Rules the schema's shapes cannot say. */
function checkSemantics(fy: FleetYaml, checker: SchemaChecker): void {
  const problem = (path: SchemaPath, message: string): void => {
    checker.problems.push({ kind: 'InvalidField', path, message });
  };
  if (fy.name !== undefined && !isBundleName(fy.name)) {
    problem(['name'], `"${fy.name}" is not a valid bundle name (lower-case letters, digits and '-', at most 53 characters)`);
  }
  checkOptions(fy, [], problem);
  fy.targetCustomizations?.forEach((tc, i) => checkOptions(tc, ['targetCustomizations', i], problem));
  fy.dependsOn?.forEach((dep, i) => {
    if (dep.name === undefined && dep.selector === undefined) problem(['dependsOn', i], 'must set name or selector');
  });
}

function isBundleName(name: string): boolean {
  return name.length <= 53 && isDns1123Label(name);
}

function checkOptions(options: BundleOptions, path: SchemaPath, problem: (path: SchemaPath, message: string) => void): void {
  options.yaml?.overlays?.forEach((overlay, i) => {
    if (!isPlainSegment(overlay)) problem([...path, 'yaml', 'overlays', i], `"${overlay}" is not an overlay name (a directory under overlays/)`);
  });
  const dir = options.kustomize?.dir;
  if (dir !== undefined && !isRelativeInside(dir)) problem([...path, 'kustomize', 'dir'], `"${dir}" must be a path inside the bundle`);
  if (options.helm) checkHelmOptions(options.helm, [...path, 'helm'], problem);
  for (const key of ['namespace', 'defaultNamespace', 'targetNamespace'] as const) {
    const ns = options[key];
    // Fleet's "-" clears the option in a target customization.
    if (ns !== undefined && ns !== '' && ns !== '-' && !isDns1123Label(ns)) problem([...path, key], `"${ns}" is not a valid namespace name`);
  }
}

function isPlainSegment(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\\');
}
