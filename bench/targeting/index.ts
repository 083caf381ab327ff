/**
 * The targeting bench's parts: the synthetic workload, resolution against the nested loop
 * (`measureResolution`, also called by the scale harness), BundleDeployment writes on a real
 * hub, and the controller's memory per Cluster and per BundleDeployment.
 */
export { measureResolution, type MeasureResolutionOptions, type ResolutionFigures } from './resolution.js';
export { measureWrites, type WriteFigures } from './writes.js';
export { measureControllerMemory, type ControllerMemory } from './controller-memory.js';
export { GROUPS, WORKSPACE, clusterLabels, makeBundles, makeClusters } from './workload.js';
