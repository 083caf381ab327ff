/**
 * core/v1 kinds other than the pod template: ConfigMap, Secret, Namespace, ServiceAccount,
 * ResourceQuota, Service and the references they hold. Field numbers are those of
 * k8s.io/api's core/v1/generated.proto; emptiness rules follow the `json` tags of the Go
 * types in core/v1/types.go.
 */
import { f, inline, keep, list, OBJECT_META, stringMap, type MessageRegistry } from '../field-spec.js';

export const coreV1Messages: MessageRegistry = {
  'core.v1.ConfigMap': {
    1: f('metadata', OBJECT_META),
    2: f('data', 'string', stringMap),
    3: f('binaryData', 'bytes', stringMap),
    4: f('immutable', 'bool', keep),
  },
  'core.v1.Secret': {
    1: f('metadata', OBJECT_META),
    2: f('data', 'bytes', stringMap),
    4: f('stringData', 'string', stringMap),
    3: f('type', 'string'),
    5: f('immutable', 'bool', keep),
  },
  'core.v1.Namespace': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'core.v1.NamespaceSpec'),
    3: f('status', 'core.v1.NamespaceStatus'),
  },
  'core.v1.NamespaceSpec': {
    1: f('finalizers', 'string', list),
  },
  'core.v1.NamespaceStatus': {
    1: f('phase', 'string'),
    2: f('conditions', 'core.v1.NamespaceCondition', list),
  },
  'core.v1.NamespaceCondition': {
    1: f('type', 'string', keep),
    2: f('status', 'string', keep),
    4: f('lastTransitionTime', 'meta.v1.Time'),
    5: f('reason', 'string'),
    6: f('message', 'string'),
  },
  'core.v1.ServiceAccount': {
    1: f('metadata', OBJECT_META),
    2: f('secrets', 'core.v1.ObjectReference', list),
    3: f('imagePullSecrets', 'core.v1.LocalObjectReference', list),
    4: f('automountServiceAccountToken', 'bool', keep),
  },
  'core.v1.ObjectReference': {
    1: f('kind', 'string'),
    2: f('namespace', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
    5: f('apiVersion', 'string'),
    6: f('resourceVersion', 'string'),
    7: f('fieldPath', 'string'),
  },
  'core.v1.LocalObjectReference': {
    1: f('name', 'string'),
  },
  'core.v1.ResourceQuota': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'core.v1.ResourceQuotaSpec'),
    3: f('status', 'core.v1.ResourceQuotaStatus'),
  },
  'core.v1.ResourceQuotaSpec': {
    1: f('hard', 'resource.Quantity', stringMap),
    2: f('scopes', 'string', list),
    3: f('scopeSelector', 'core.v1.ScopeSelector'),
  },
  'core.v1.ResourceQuotaStatus': {
    1: f('hard', 'resource.Quantity', stringMap),
    2: f('used', 'resource.Quantity', stringMap),
  },
  'core.v1.ScopeSelector': {
    1: f('matchExpressions', 'core.v1.ScopedResourceSelectorRequirement', list),
  },
  'core.v1.ScopedResourceSelectorRequirement': {
    1: f('scopeName', 'string', keep),
    2: f('operator', 'string', keep),
    3: f('values', 'string', list),
  },
  'core.v1.Service': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'core.v1.ServiceSpec'),
    3: f('status', 'core.v1.ServiceStatus'),
  },
  'core.v1.ServiceSpec': {
    1: f('ports', 'core.v1.ServicePort', list),
    2: f('selector', 'string', stringMap),
    3: f('clusterIP', 'string'),
    18: f('clusterIPs', 'string', list),
    4: f('type', 'string'),
    5: f('externalIPs', 'string', list),
    7: f('sessionAffinity', 'string'),
    8: f('loadBalancerIP', 'string'),
    9: f('loadBalancerSourceRanges', 'string', list),
    10: f('externalName', 'string'),
    11: f('externalTrafficPolicy', 'string'),
    12: f('healthCheckNodePort', 'int32'),
    13: f('publishNotReadyAddresses', 'bool'),
    14: f('sessionAffinityConfig', 'core.v1.SessionAffinityConfig'),
    19: f('ipFamilies', 'string', list),
    17: f('ipFamilyPolicy', 'string', keep),
    20: f('allocateLoadBalancerNodePorts', 'bool', keep),
    21: f('loadBalancerClass', 'string', keep),
    22: f('internalTrafficPolicy', 'string', keep),
    23: f('trafficDistribution', 'string', keep),
  },
  'core.v1.ServicePort': {
    1: f('name', 'string'),
    2: f('protocol', 'string'),
    6: f('appProtocol', 'string', keep),
    3: f('port', 'int32', keep),
    4: f('targetPort', 'intstr.IntOrString'),
    5: f('nodePort', 'int32'),
  },
  'core.v1.SessionAffinityConfig': {
    1: f('clientIP', 'core.v1.ClientIPConfig'),
  },
  'core.v1.ClientIPConfig': {
    1: f('timeoutSeconds', 'int32', keep),
  },
  'core.v1.ServiceStatus': {
    1: f('loadBalancer', 'core.v1.LoadBalancerStatus'),
    2: f('conditions', 'meta.v1.Condition', list),
  },
  'core.v1.LoadBalancerStatus': {
    1: f('ingress', 'core.v1.LoadBalancerIngress', list),
  },
  'core.v1.LoadBalancerIngress': {
    1: f('ip', 'string'),
    2: f('hostname', 'string'),
  },
  /** Key selectors embed LocalObjectReference, so `name` sits beside `key` in JSON. */
  'core.v1.ConfigMapKeySelector': {
    1: f('localObjectReference', 'core.v1.LocalObjectReference', inline),
    2: f('key', 'string', keep),
    3: f('optional', 'bool', keep),
  },
  'core.v1.SecretKeySelector': {
    1: f('localObjectReference', 'core.v1.LocalObjectReference', inline),
    2: f('key', 'string', keep),
    3: f('optional', 'bool', keep),
  },
  'core.v1.ConfigMapEnvSource': {
    1: f('localObjectReference', 'core.v1.LocalObjectReference', inline),
    2: f('optional', 'bool', keep),
  },
  'core.v1.SecretEnvSource': {
    1: f('localObjectReference', 'core.v1.LocalObjectReference', inline),
    2: f('optional', 'bool', keep),
  },
};
