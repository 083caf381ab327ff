/**
 * The merge strategies Kubernetes declares for the built-in kinds the API server serves,
 * encoded as data. Each constant mirrors an OpenAPI definition of k8s.io/api (its
 * `x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`, `x-kubernetes-list-type`,
 * `x-kubernetes-list-map-keys` and `x-kubernetes-map-type`), and only fields that carry one
 * are listed, so this table could be generated from /openapi/v2 later. Lists not listed are
 * atomic and maps granular, the Kubernetes defaults.
 */
import { patchMetaLookup, type PatchMetaLookup, type TypeInfo, type TypeNode } from './type-info.js';

const scalarMap: TypeNode = { elements: {} };
const atomicMap: TypeNode = { elements: {}, mapType: 'atomic' };
const atomicList: TypeNode = { listType: 'atomic' };

/** A list merged by key both by strategic merge patch and by server-side apply. */
function mapList(keys: readonly string[], items: TypeNode = {}, extra: Partial<TypeNode> = {}): TypeNode {
  return { patchStrategy: 'merge', patchMergeKey: keys[0], listType: 'map', listMapKeys: keys, items, ...extra };
}

/** A struct declared `+structType=atomic`: one owner sets it whole. */
const atomicStruct: TypeNode = { mapType: 'atomic' };
// io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector
const labelSelector = atomicStruct;

// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta
export const OBJECT_META: TypeNode = {
  fields: {
    labels: scalarMap,
    annotations: scalarMap,
    finalizers: { patchStrategy: 'merge', listType: 'set' },
    // OwnerReference is an atomic struct: an item is owned whole.
    ownerReferences: mapList(['uid'], atomicStruct),
    managedFields: atomicList,
  },
};

const resourceList: TypeNode = scalarMap;

// io.k8s.api.core.v1.ResourceRequirements
const resourceRequirements: TypeNode = {
  fields: { limits: resourceList, requests: resourceList, claims: { listType: 'map', listMapKeys: ['name'] } },
};

// io.k8s.api.core.v1.Container (also EphemeralContainer)
const container: TypeNode = {
  fields: {
    ports: mapList(['containerPort', 'protocol'], {}, { keyDefaults: { protocol: 'TCP' } }),
    env: mapList(['name'], {
      fields: {
        valueFrom: {
          fields: { configMapKeyRef: atomicStruct, secretKeyRef: atomicStruct, fieldRef: atomicStruct, resourceFieldRef: atomicStruct },
        },
      },
    }),
    envFrom: atomicList,
    volumeMounts: mapList(['mountPath']),
    volumeDevices: mapList(['devicePath']),
    resources: resourceRequirements,
    resizePolicy: atomicList,
    command: atomicList,
    args: atomicList,
  },
};

// io.k8s.api.core.v1.PodSpec
const podSpec: TypeNode = {
  fields: {
    containers: alwaysWritten(mapList(['name'], container)),
    initContainers: mapList(['name'], container),
    ephemeralContainers: mapList(['name'], container),
    // Volumes are merged by name and may carry `$retainKeys` to switch their source.
    volumes: mapList(['name'], {}, { patchStrategy: 'merge,retainKeys' }),
    // LocalObjectReference is an atomic struct.
    imagePullSecrets: mapList(['name'], atomicStruct),
    hostAliases: mapList(['ip']),
    tolerations: atomicList,
    topologySpreadConstraints: mapList(['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: mapList(['name']),
    resourceClaims: mapList(['name'], {}, { patchStrategy: 'merge,retainKeys' }),
    readinessGates: atomicList,
    nodeSelector: atomicMap,
    overhead: resourceList,
  },
};

/** A struct field that is never absent from a built-in object (a Go value, not a pointer). */
function present(node: TypeNode): TypeNode {
  return { ...node, zeroValue: 'empty' };
}

/** A list Go always writes, as `null` when empty (its JSON tag has no omitempty). */
function alwaysWritten(node: TypeNode): TypeNode {
  return { ...node, zeroValue: 'null' };
}

const podTemplateSpec: TypeNode = present({ fields: { metadata: present(OBJECT_META), spec: present(podSpec) } });
const conditionsByType = mapList(['type']);
const statusWithConditions: TypeNode = present({ fields: { conditions: conditionsByType } });

/** A kind's root. Its `spec` and `status`, when it has them, are always present. */
function kind(fields: Record<string, TypeNode>): TypeNode {
  const withPresence = Object.fromEntries(
    Object.entries(fields).map(([name, node]) => [name, name === 'spec' || name === 'status' ? present(node) : node]),
  );
  return { fields: { metadata: OBJECT_META, ...withPresence } };
}

function workload(spec: Record<string, TypeNode>): TypeNode {
  return kind({
    spec: { fields: { selector: labelSelector, template: podTemplateSpec, ...spec } },
    status: statusWithConditions,
  });
}

const jobSpec: TypeNode = present({ fields: { selector: labelSelector, template: podTemplateSpec } });

/** Kinds by group and kind, written as Kubernetes prints a GroupKind (`Deployment.apps`). */
export const BUILTIN_KINDS: Readonly<Record<string, TypeNode>> = {
  Pod: kind({ spec: podSpec, status: statusWithConditions }),
  PodTemplate: kind({ template: podTemplateSpec }),
  Service: kind({
    spec: {
      fields: {
        ports: mapList(['port', 'protocol'], {}, { keyDefaults: { protocol: 'TCP' } }),
        selector: atomicMap,
        clusterIPs: atomicList,
        externalIPs: atomicList,
        ipFamilies: atomicList,
      },
    },
    status: statusWithConditions,
  }),
  ConfigMap: kind({ data: scalarMap, binaryData: scalarMap }),
  Secret: kind({ data: scalarMap, stringData: scalarMap }),
  Namespace: kind({ spec: { fields: { finalizers: atomicList } }, status: statusWithConditions }),
  ServiceAccount: kind({
    // Merged by name in strategic merge patch, but atomic for server-side apply.
    secrets: { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'atomic' },
    imagePullSecrets: atomicList,
  }),
  ResourceQuota: kind({
    spec: { fields: { hard: resourceList, scopes: atomicList } },
    status: { fields: { hard: resourceList, used: resourceList } },
  }),
  LimitRange: kind({ spec: { fields: { limits: atomicList } } }),
  PersistentVolumeClaim: kind({
    spec: { fields: { accessModes: atomicList, resources: resourceRequirements, selector: labelSelector } },
    status: statusWithConditions,
  }),
  'Deployment.apps': workload({ strategy: present({ patchStrategy: 'retainKeys' }) }),
  'StatefulSet.apps': workload({ volumeClaimTemplates: atomicList, updateStrategy: present({}) }),
  'DaemonSet.apps': workload({ updateStrategy: present({}) }),
  'ReplicaSet.apps': workload({}),
  'Job.batch': kind({
    spec: jobSpec,
    // Job conditions merge by type in strategic merge patch but are atomic for apply.
    status: { fields: { conditions: { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' } } },
  }),
  'CronJob.batch': kind({
    spec: { fields: { jobTemplate: present({ fields: { metadata: present(OBJECT_META), spec: jobSpec } }) } },
    status: present({}),
  }),
  'NetworkPolicy.networking.k8s.io': kind({
    spec: { fields: { podSelector: labelSelector, ingress: atomicList, egress: atomicList, policyTypes: atomicList } },
  }),
  // RBAC: rules and subjects carry no patch strategy, so both patch types replace them whole.
  'Role.rbac.authorization.k8s.io': kind({ rules: alwaysWritten(atomicList) }),
  'ClusterRole.rbac.authorization.k8s.io': kind({
    rules: alwaysWritten(atomicList),
    aggregationRule: { fields: { clusterRoleSelectors: atomicList } },
  }),
  'RoleBinding.rbac.authorization.k8s.io': kind({ subjects: atomicList }),
  'ClusterRoleBinding.rbac.authorization.k8s.io': kind({ subjects: atomicList }),
};

/** `Deployment.apps` for apiVersion `apps/v1`, `Pod` for `v1`. */
export function groupKind(apiVersion: string, kindName: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? kindName : `${kindName}.${apiVersion.slice(0, slash)}`;
}

/** The type information of a built-in kind, or undefined when the kind is not built in. */
export function builtinTypeInfo(apiVersion: string, kindName: string): TypeInfo | undefined {
  const root = BUILTIN_KINDS[groupKind(apiVersion, kindName)];
  return root ? { root } : undefined;
}

/** The strategies of a built-in kind's fields, by path of field names from its root. */
export function builtinPatchMeta(apiVersion: string, kindName: string): PatchMetaLookup | undefined {
  const info = builtinTypeInfo(apiVersion, kindName);
  return info ? patchMetaLookup(info) : undefined;
}
