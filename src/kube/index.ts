/**
 * The client side of Kubernetes, for the controller and the agent: loading a kubeconfig,
 * generic typed access to any kind through discovery (including server-side apply), list+watch
 * caches with indexes, the level-based reconcile loop with its work queue and typed outcomes,
 * Lease-based leader election, and the connection pools and TLS contexts the clients of one
 * process may share (the agents of one host). Everything that waits takes an injected Clock; everything
 * that runs has start/stop. It talks to any API server, the embedded one included, only over
 * HTTP through @kubernetes/client-node's KubeConfig.
 */
export { ApiError, isAlreadyExists, isBadRequest, isConflict, isForbidden, isGone, isInvalid, isMethodNotAllowed, isNetworkError, isNotFound, isRetryable, isServerTimeout, isTooManyRequests, isUnauthorized, type KubeStatus } from './api-error.js';
export { backoffDelay, KeyedBackoff, type BackoffOptions } from './backoff.js';
export { ManualClock, systemClock, type Clock } from './clock.js';
export { groupVersionPath, ResourceDiscovery, splitApiVersion, type ResourceInfo, type TypeRef } from './discovery.js';
export { ConnectionPools, type ConnectionPoolsOptions, type HeldConnections } from './connection-pools.js';
export { Duration, type DurationLike } from './duration.js';
export { KubeHttpClient, type KubeHttpClientOptions, type KubeRequest, type KubeResponse } from './http-client.js';
export { Informer, withoutManagedFields, type InformerHandlers, type InformerOptions } from './informer.js';
export { loadKubeConfig, KubeConfigError, type KubeConfigErrorReason, type KubeConfigSources, type LoadedKubeConfig } from './kubeconfig.js';
export { LeaderElector, type Lease, type LeaderElectionOptions } from './leader-election.js';
export { decideLease, type LeaseDecision, type LeaseSpec } from './lease-decision.js';
export { indexBy, NAMESPACE_INDEX, ObjectCache, objectKey, splitKey, type IndexFunc, type ReadonlyObjectCache } from './object-cache.js';
export { ObjectClient, type ApplyOptions, type DeleteOptions, type ListOptions, type ObjectClientOptions, type ObjectRef, type PatchOptions, type PatchType, type WatchOptions, type WriteOptions } from './object-client.js';
export { SecureContextPool, secureContextKey, type HeldSecureContext, type TlsMaterial } from './secure-context-pool.js';
export { ReconcileError, StalledError, TransientError, WaitError, type ReconcileErrorKind } from './reconcile-error.js';
export { reconcileResult, type ReconcileResult } from './reconcile-result.js';
export { Reconciler, type ReconcileContext, type ReconcileFunc, type ReconcileRequest, type ReconcilerOptions } from './reconciler.js';
export { readWatchEvents, type WatchEvent } from './watch-stream.js';
export { DEFAULT_RETRY_BACKOFF, WorkQueue, type WorkQueueOptions } from './work-queue.js';
