/**
 * Bootstrap: what a hub must hold before the controllers run (CRDs, system namespaces,
 * workspaces, the local Cluster and the default ClusterGroup), created when missing.
 */
export { bootstrapHub, type BootstrapOptions } from './bootstrap-hub.js';
export { LOCAL_CLUSTER_LABELS, bootstrapCrds, bootstrapNamespaces, bootstrapWorkspaceObjects } from './bootstrap-objects.js';
