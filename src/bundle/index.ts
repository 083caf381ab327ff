/**
 * src/bundle: everything between a checkout's files and the manifests an agent applies,
 * as pure functions of plain data. It reads fleet.yaml (fleet-yaml.ts), finds the bundles
 * of a GitRepo's paths as Rancher Fleet does (discover-bundles.ts), renders one bundle for
 * one set of resolved options (render.ts: plain YAML, overlays, kustomize, namespace rules,
 * managed namespaces, Helm charts in helm/), and turns the result into a content-addressed
 * Content (content.ts). It never talks to Kubernetes or git; its only I/O is running
 * `kubectl kustomize` and `helm template` in temporary directories, and fetching charts
 * over http(s) from chart repositories (helm/fetch-chart.ts, called on the hub only).
 * Every user-facing failure is a BundleError naming the file, position and field.
 */
export { BundleError, type BundleErrorDetails, type BundleErrorReason } from './bundle-error.js';
export { mergeBundleOptions } from './bundle-options.js';
export {
  DEFAULT_COMPRESS_ABOVE_BYTES,
  decodeResources,
  encodeResources,
  type BundleResource,
  type SourceFile,
} from './bundle-resources.js';
export { crdScopes, groupOf, hasStrategicMergeSchema, scopeOf, type Scope } from './builtin-kinds.js';
export {
  canonicalJson,
  compress,
  contentName,
  decodeContent,
  decompress,
  deploymentId,
  encodeContent,
  optionsHash,
  parseDeploymentId,
  serializeManifests,
  type EncodedContent,
} from './content.js';
export {
  FLEET_YAML_NAMES,
  discoverBundles,
  type BundleFailure,
  type DiscoverBundlesOptions,
  type DiscoveredBundle,
  type DiscoveryResult,
} from './discover-bundles.js';
export {
  parseFleetYaml,
  type BundleOptions,
  type ComparePatch,
  type CorrectDrift,
  type DependsOn,
  type FleetYaml,
  type FleetYamlFinding,
  type ParsedFleetYaml,
  type RolloutStrategy,
  type TargetCustomization,
  type TargetMatchers,
} from './fleet-yaml.js';
export * from './helm/index.js';
export { kubectlKustomize, type KubectlKustomizeOptions, type KustomizeInput, type KustomizeRunner } from './kustomize.js';
export {
  ADOPTION_POLICIES,
  DELETE_POLICIES,
  MANAGED_NETWORK_POLICY_NAME,
  MANAGED_RESOURCE_QUOTA_NAME,
  MEMBER_ROLES,
  NETWORK_POLICY_RULES,
  renderManagedNamespace,
  type AdoptionPolicy,
  type DeletePolicy,
  type ManagedNamespaceDefinition,
  type ManagedNamespaceNetworkPolicy,
  type ManagedNamespaceResourceQuota,
  type MemberRole,
  type NetworkPolicyRule,
  type RoleAssignment,
} from './managed-namespace.js';
export {
  RESERVED_NAMESPACES,
  matchEnum,
  validateManagedNamespace,
  type ManagedNamespaceValidation,
  type ValidationIssue,
} from './managed-namespace-validation.js';
export { memberClusterRoleName, memberClusterRoles, memberRoleRules, type PolicyRule } from './member-roles.js';
export { InvalidQuantityError, compareQuantities, parseQuantity, type Quantity } from './quantity.js';
export {
  renderBundle,
  type ReleaseNamespace,
  type RenderOptions,
  type RenderSource,
  type RenderedBundle,
} from './render.js';
export { DEFAULT_YAML_LIMITS, parseYamlDocuments, type YamlLimits } from './safe-yaml.js';
