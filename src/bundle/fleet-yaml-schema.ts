/**
 * The catalog of fleet.yaml keys, as data: every key Rancher Fleet's fleet.yaml knows (so a
 * Fleet repository is accepted), marked either with the shape Flotilla checks and uses, or
 * as "not supported yet" (accepted, reported as a finding, never silently skipped). A key
 * in neither is unknown to Fleet too, and is an error. Flotilla's own addition is
 * `managedNamespaces`. Sources: Fleet's FleetYAML / BundleSpec / BundleDeploymentOptions /
 * BundleTarget types (reference/fleet.md §2).
 */

export type FieldSpec =
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'intOrString' }
  | { type: 'stringMap' }
  /** Any YAML map, kept as written (Helm values). */
  | { type: 'freeForm' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'object'; fields: Readonly<Record<string, FieldSpec>> }
  | { type: 'list'; items: FieldSpec }
  /** A Fleet key Flotilla does not implement yet: any value is accepted and reported. */
  | { type: 'notSupported'; feature: string }
  /** Checked by managed-namespace-validation.ts instead. */
  | { type: 'managedNamespaces' };

const string: FieldSpec = { type: 'string' };
const boolean: FieldSpec = { type: 'boolean' };
const integer: FieldSpec = { type: 'integer' };
const intOrString: FieldSpec = { type: 'intOrString' };
const stringMap: FieldSpec = { type: 'stringMap' };
const freeForm: FieldSpec = { type: 'freeForm' };
const list = (items: FieldSpec): FieldSpec => ({ type: 'list', items });
const object = (fields: Record<string, FieldSpec>): FieldSpec => ({ type: 'object', fields });
const notSupported = (feature: string): FieldSpec => ({ type: 'notSupported', feature });

/** Bundle states a `dependsOn` may accept, as Fleet ranks them. */
export const BUNDLE_STATES = ['Ready', 'NotReady', 'Pending', 'OutOfSync', 'Modified', 'WaitApplied', 'ErrApplied'] as const;

export const LABEL_SELECTOR: FieldSpec = object({
  matchLabels: stringMap,
  matchExpressions: list(
    object({
      key: string,
      operator: { type: 'enum', values: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
      values: list(string),
    }),
  ),
});

/**
 * Fleet's HelmOptions. Rendering options are used on the hub; the install-time ones (`force`,
 * `takeOwnership`, `atomic`, `timeoutSeconds`, `waitForJobs`, `maxHistory`) are carried in the
 * options for the agent. `valuesFrom` reads the member's ConfigMaps at install time, which a
 * hub-side render cannot do.
 */
export const HELM_OPTIONS: FieldSpec = object({
  chart: string,
  repo: string,
  releaseName: string,
  version: string,
  timeoutSeconds: integer,
  values: freeForm,
  valuesFiles: list(string),
  valuesFrom: notSupported('helm.valuesFrom (values read on the member at install time)'),
  templateValues: notSupported('helm.templateValues'),
  force: boolean,
  takeOwnership: boolean,
  maxHistory: integer,
  atomic: boolean,
  waitForJobs: boolean,
  disablePreProcess: boolean,
  disableDNS: boolean,
  skipSchemaValidation: boolean,
  disableDependencyUpdate: boolean,
});

/** Fleet's BundleDeploymentOptions: what a target customization may override. */
const DEPLOYMENT_OPTIONS: Record<string, FieldSpec> = {
  defaultNamespace: string,
  namespace: string,
  targetNamespace: string,
  serviceAccount: string,
  namespaceLabels: stringMap,
  namespaceAnnotations: stringMap,
  yaml: object({ overlays: list(string) }),
  kustomize: object({ dir: string }),
  diff: object({
    comparePatches: list(
      object({
        apiVersion: string,
        kind: string,
        namespace: string,
        name: string,
        operations: list(object({ op: string, path: string, value: string })),
        jsonPointers: list(string),
      }),
    ),
  }),
  correctDrift: object({ enabled: boolean, force: boolean, keepFailHistory: boolean }),
  keepResources: boolean,
  deleteNamespace: boolean,
  ignore: object({ conditions: list(stringMap) }),
  helm: HELM_OPTIONS,
  forceSyncGeneration: notSupported('forceSyncGeneration in fleet.yaml'),
  deleteCRDResources: notSupported('deleteCRDResources'),
  createNamespace: notSupported('createNamespace'),
  downstreamResources: notSupported('downstreamResources'),
};

const TARGET_MATCHERS: Record<string, FieldSpec> = {
  name: string,
  clusterName: string,
  clusterSelector: LABEL_SELECTOR,
  clusterGroup: string,
  clusterGroupSelector: LABEL_SELECTOR,
};

export const FLEET_YAML_SCHEMA: FieldSpec = object({
  ...DEPLOYMENT_OPTIONS,
  name: string,
  labels: stringMap,
  paused: boolean,
  rolloutStrategy: object({
    maxUnavailable: intOrString,
    maxUnavailablePartitions: intOrString,
    autoPartitionSize: intOrString,
    autoPartitionThreshold: integer,
    maxNew: integer,
    partitions: list(object({ ...TARGET_MATCHERS, maxUnavailable: intOrString })),
  }),
  dependsOn: list(
    object({
      name: string,
      selector: LABEL_SELECTOR,
      acceptedStates: list({ type: 'enum', values: BUNDLE_STATES }),
    }),
  ),
  targetCustomizations: list(object({ ...DEPLOYMENT_OPTIONS, ...TARGET_MATCHERS, doNotDeploy: boolean })),
  managedNamespaces: { type: 'managedNamespaces' },
  imageScans: notSupported('image scans'),
  overrideTargets: notSupported('overrideTargets'),
  targetCustomizationMode: notSupported('targetCustomizationMode'),
  targets: notSupported('targets in fleet.yaml (set them on the GitRepo)'),
  targetRestrictions: notSupported('targetRestrictions in fleet.yaml'),
  resources: notSupported('inline resources in fleet.yaml'),
  contentsId: notSupported('contentsId'),
  helmOpOptions: notSupported('HelmOps'),
  valuesHash: notSupported('valuesHash'),
});
