/**
 * apps/v1 Deployment (`kubectl create deployment`). Field numbers are those of k8s.io/api's
 * apps/v1/generated.proto; emptiness rules follow apps/v1/types.go. The pod template is
 * described in core-v1-pod.ts.
 */
import { f, keep, list, OBJECT_META, type MessageRegistry } from '../field-spec.js';

export const appsV1Messages: MessageRegistry = {
  'apps.v1.Deployment': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'apps.v1.DeploymentSpec'),
    3: f('status', 'apps.v1.DeploymentStatus'),
  },
  'apps.v1.DeploymentSpec': {
    1: f('replicas', 'int32', keep),
    2: f('selector', 'meta.v1.LabelSelector'),
    3: f('template', 'core.v1.PodTemplateSpec'),
    4: f('strategy', 'apps.v1.DeploymentStrategy'),
    5: f('minReadySeconds', 'int32'),
    6: f('revisionHistoryLimit', 'int32', keep),
    7: f('paused', 'bool'),
    9: f('progressDeadlineSeconds', 'int32', keep),
  },
  'apps.v1.DeploymentStrategy': {
    1: f('type', 'string'),
    2: f('rollingUpdate', 'apps.v1.RollingUpdateDeployment'),
  },
  'apps.v1.RollingUpdateDeployment': {
    1: f('maxUnavailable', 'intstr.IntOrString'),
    2: f('maxSurge', 'intstr.IntOrString'),
  },
  'apps.v1.DeploymentStatus': {
    1: f('observedGeneration', 'int64'),
    2: f('replicas', 'int32'),
    3: f('updatedReplicas', 'int32'),
    7: f('readyReplicas', 'int32'),
    4: f('availableReplicas', 'int32'),
    5: f('unavailableReplicas', 'int32'),
    6: f('conditions', 'apps.v1.DeploymentCondition', list),
    8: f('collisionCount', 'int32', keep),
  },
  'apps.v1.DeploymentCondition': {
    1: f('type', 'string', keep),
    2: f('status', 'string', keep),
    6: f('lastUpdateTime', 'meta.v1.Time'),
    7: f('lastTransitionTime', 'meta.v1.Time'),
    4: f('reason', 'string'),
    5: f('message', 'string'),
  },
};
