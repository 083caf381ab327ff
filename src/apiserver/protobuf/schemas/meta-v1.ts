/**
 * meta/v1 and runtime messages that every object carries. Field numbers are those of
 * k8s.io/apimachinery's pkg/apis/meta/v1/generated.proto and pkg/runtime/generated.proto;
 * emptiness rules follow the `json` tags of the Go types in the same packages.
 */
import { f, keep, list, stringMap, type MessageRegistry } from '../field-spec.js';

export const metaV1Messages: MessageRegistry = {
  'meta.v1.ObjectMeta': {
    1: f('name', 'string'),
    2: f('generateName', 'string'),
    3: f('namespace', 'string'),
    4: f('selfLink', 'string'),
    5: f('uid', 'string'),
    6: f('resourceVersion', 'string'),
    7: f('generation', 'int64'),
    8: f('creationTimestamp', 'meta.v1.Time'),
    9: f('deletionTimestamp', 'meta.v1.Time'),
    10: f('deletionGracePeriodSeconds', 'int64', keep),
    11: f('labels', 'string', stringMap),
    12: f('annotations', 'string', stringMap),
    13: f('ownerReferences', 'meta.v1.OwnerReference', list),
    14: f('finalizers', 'string', list),
    17: f('managedFields', 'meta.v1.ManagedFieldsEntry', list),
  },
  'meta.v1.OwnerReference': {
    5: f('apiVersion', 'string', keep),
    1: f('kind', 'string', keep),
    3: f('name', 'string', keep),
    4: f('uid', 'string', keep),
    6: f('controller', 'bool', keep),
    7: f('blockOwnerDeletion', 'bool', keep),
  },
  'meta.v1.ManagedFieldsEntry': {
    1: f('manager', 'string'),
    2: f('operation', 'string'),
    3: f('apiVersion', 'string'),
    4: f('time', 'meta.v1.Time'),
    6: f('fieldsType', 'string'),
    7: f('fieldsV1', 'meta.v1.FieldsV1'),
    8: f('subresource', 'string'),
  },
  'meta.v1.LabelSelector': {
    1: f('matchLabels', 'string', stringMap),
    2: f('matchExpressions', 'meta.v1.LabelSelectorRequirement', list),
  },
  'meta.v1.LabelSelectorRequirement': {
    1: f('key', 'string', keep),
    2: f('operator', 'string', keep),
    3: f('values', 'string', list),
  },
  /** meta/v1's TypeMeta numbers kind before apiVersion, unlike runtime's (see envelope.ts). */
  'meta.v1.TypeMeta': {
    1: f('kind', 'string'),
    2: f('apiVersion', 'string'),
  },
  'meta.v1.Condition': {
    1: f('type', 'string', keep),
    2: f('status', 'string', keep),
    3: f('observedGeneration', 'int64'),
    4: f('lastTransitionTime', 'meta.v1.Time', keep),
    5: f('reason', 'string', keep),
    6: f('message', 'string', keep),
  },
};
