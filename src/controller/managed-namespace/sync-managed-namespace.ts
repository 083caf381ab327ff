/**
 * One reconcile of a ManagedNamespace, as ordered steps that each own their part and a
 * status written once at the end:
 * 1. a deleted one is finalized: its `mns-` Bundle is deleted (the agents then apply the
 *    delete policy on each member) and the hub's namespace is released or deleted;
 * 2. the finalizer is added, so step 1 always runs;
 * 3. the definition is accepted or refused (validation, ClusterAdmin restriction); a refused
 *    one changes nothing already written, so a typo never removes a namespace;
 * 4. an accepted CLI definition is rendered into its Bundle (Content first), git records are
 *    not: their path's Bundle carries them;
 * 5. the hub's copy of the namespace is written;
 * 6. each member's state comes from the carrying Bundle's BundleDeployments.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { GitRepoRestriction } from '../../api/git-repo-restriction.js';
import { API_VERSION } from '../../api/group.js';
import type { ManagedNamespace, ManagedNamespaceStatus } from '../../api/managed-namespace.js';
import type { KubeObject } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import { isConflict, isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ReadonlyObjectCache } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { ensureContent, renderDefaultContent } from '../content/index.js';
import { FIELD_MANAGER } from '../field-manager.js';
import { BY_BUNDLE } from '../targeting/hub-caches.js';
import { acceptDefinition, type Acceptance } from './accept-definition.js';
import { carryingBundle, isFromGit } from './git-mirror.js';
import { removeHubNamespace, writeHubNamespace, type HubProblem } from './hub-namespace-writer.js';
import { desiredManagedNamespaceBundle, managedNamespaceBundleName } from './managed-namespace-bundle.js';
import { managedNamespaceStatus } from './managed-namespace-status.js';
import { memberStatuses } from './member-status.js';

/** Keeps a ManagedNamespace until its Bundle is gone and the hub's namespace is released. */
export const MANAGED_NAMESPACE_FINALIZER = 'flotilla.io/managed-namespace';
const HUB_RETRY = Duration.seconds(5);
/** BundleDeployments by `<bundle workspace>/<bundle name>`: the targeting caches' index, which this controller shares in the controller process. */
export const DEPLOYMENTS_BY_BUNDLE = BY_BUNDLE;

export interface SyncDeps {
  client: ObjectClient;
  clock: Clock;
  managedNamespaces: ReadonlyObjectCache<ManagedNamespace>;
  bundles: ReadonlyObjectCache<Bundle>;
  /** Indexed by DEPLOYMENTS_BY_BUNDLE. */
  bundleDeployments: ReadonlyObjectCache<BundleDeployment>;
  /** Clusters, indexed by namespace. */
  clusters: ReadonlyObjectCache<{ apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } }>;
  restrictions: ReadonlyObjectCache<GitRepoRestriction & KubeObject>;
}

export interface SyncRequest {
  namespace: string;
  name: string;
  logger: Logger;
  signal: AbortSignal;
}

function refOf(mns: ManagedNamespace) {
  return { apiVersion: API_VERSION, kind: 'ManagedNamespace', namespace: mns.metadata.namespace ?? '', name: mns.metadata.name ?? '' };
}

function nowText(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
}

async function setFinalizers(deps: SyncDeps, mns: ManagedNamespace, finalizers: string[], signal: AbortSignal): Promise<void> {
  const patch = { metadata: { finalizers, resourceVersion: mns.metadata.resourceVersion } };
  await deps.client.patch(refOf(mns), patch, { type: 'merge', fieldManager: FIELD_MANAGER, signal });
}

async function finalize(deps: SyncDeps, mns: ManagedNamespace, request: SyncRequest): Promise<void> {
  const finalizers = mns.metadata.finalizers ?? [];
  if (!finalizers.includes(MANAGED_NAMESPACE_FINALIZER)) return;
  const workspace = request.namespace;
  if (!isFromGit(mns)) {
    try {
      await deps.client.delete({ apiVersion: API_VERSION, kind: 'Bundle', namespace: workspace, name: managedNamespaceBundleName(request.name) }, { signal: request.signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  await removeHubNamespace(deps.client, { name: request.name, workspace, ...(mns.spec.deletePolicy ? { deletePolicy: mns.spec.deletePolicy } : {}), signal: request.signal });
  await setFinalizers(deps, mns, finalizers.filter((f) => f !== MANAGED_NAMESPACE_FINALIZER), request.signal);
  request.logger.info({ deletePolicy: mns.spec.deletePolicy ?? 'Keep' }, 'managed namespace removed');
}

function acceptanceOf(deps: SyncDeps, mns: ManagedNamespace): Acceptance {
  const workspace = mns.metadata.namespace ?? '';
  const restrictions = deps.restrictions.list().filter((r) => r.metadata.namespace === workspace);
  return acceptDefinition({ name: mns.metadata.name ?? '', spec: mns.spec, restrictions });
}

function sameBundle(stored: Bundle | undefined, desired: Bundle): boolean {
  if (!stored) return false;
  const { [LABELS.contentName]: _content, ...storedLabels } = stored.metadata.labels ?? {};
  return JSON.stringify(stored.spec) === JSON.stringify(desired.spec) && JSON.stringify(storedLabels) === JSON.stringify(desired.metadata.labels);
}

async function writeBundle(deps: SyncDeps, mns: ManagedNamespace, acceptance: Acceptance & { accepted: true }, signal: AbortSignal): Promise<string> {
  const desired = desiredManagedNamespaceBundle(mns, acceptance.definition);
  const name = desired.metadata.name ?? '';
  if (sameBundle(deps.bundles.get(`${mns.metadata.namespace ?? ''}/${name}`), desired)) return name;
  const rendered = await renderDefaultContent(desired);
  await ensureContent(deps.client, rendered.content, { fieldManager: FIELD_MANAGER, signal });
  const labels = { ...desired.metadata.labels, [LABELS.contentName]: rendered.content.metadata.name ?? '' };
  await deps.client.apply({ ...desired, metadata: { ...desired.metadata, labels } }, { fieldManager: FIELD_MANAGER, force: true, signal });
  return name;
}

/** Members named in the definition; undefined when placement is by selector, group or (from git) the path's targets. */
function listedMembersOf(mns: ManagedNamespace): readonly string[] | undefined {
  if (isFromGit(mns) || mns.spec.clusterSelector || mns.spec.clusterGroup) return undefined;
  return mns.spec.memberClusterNames ?? [];
}

/** The Content every member of a CLI definition's Bundle should deploy now. */
function expectedContentOf(deps: SyncDeps, mns: ManagedNamespace, bundleKey: string): string | undefined {
  return isFromGit(mns) ? undefined : deps.bundles.get(bundleKey)?.metadata.labels?.[LABELS.contentName];
}

function statusOf(deps: SyncDeps, mns: ManagedNamespace, acceptance: Acceptance, hubProblem: HubProblem | undefined): ManagedNamespaceStatus {
  const workspace = mns.metadata.namespace ?? '';
  const bundleName = carryingBundle(mns);
  const clusterNames = new Set(deps.clusters.byIndex('namespace', workspace).map((c) => c.metadata.name ?? ''));
  const listed = listedMembersOf(mns);
  const now = nowText(deps.clock);
  const previous = mns.status;
  const expectedContent = expectedContentOf(deps, mns, `${workspace}/${bundleName}`);
  const members = memberStatuses({
    workspace,
    ...(expectedContent ? { expectedContent } : {}),
    ...(listed ? { listedMembers: listed } : {}),
    clusterNames,
    bundleDeployments: deps.bundleDeployments.byIndex(DEPLOYMENTS_BY_BUNDLE, `${workspace}/${bundleName}`),
    ...(previous?.members ? { previous: previous.members } : {}),
    now,
  });
  return managedNamespaceStatus({
    ...(mns.metadata.generation !== undefined ? { generation: mns.metadata.generation } : {}),
    acceptance,
    bundleName,
    members,
    ...(hubProblem ? { hubProblem } : {}),
    ...(previous ? { previous } : {}),
    now,
  });
}

async function writeStatus(deps: SyncDeps, mns: ManagedNamespace, status: ManagedNamespaceStatus, signal: AbortSignal): Promise<void> {
  if (JSON.stringify(mns.status ?? {}) === JSON.stringify(status)) return;
  await deps.client.patch(refOf(mns), { status }, { type: 'merge', subresource: 'status', fieldManager: FIELD_MANAGER, signal });
}

export async function syncManagedNamespace(deps: SyncDeps, request: SyncRequest): Promise<ReconcileResult> {
  const mns = deps.managedNamespaces.get(`${request.namespace}/${request.name}`);
  if (!mns) return reconcileResult.done();
  try {
    if (mns.metadata.deletionTimestamp) {
      await finalize(deps, mns, request);
      return reconcileResult.done();
    }
    if (!(mns.metadata.finalizers ?? []).includes(MANAGED_NAMESPACE_FINALIZER)) {
      await setFinalizers(deps, mns, [...(mns.metadata.finalizers ?? []), MANAGED_NAMESPACE_FINALIZER], request.signal);
      return reconcileResult.done(); // the update event queues the next step with the new resourceVersion
    }
    const acceptance = acceptanceOf(deps, mns);
    let hubProblem: HubProblem | undefined;
    if (acceptance.accepted) {
      if (!isFromGit(mns)) await writeBundle(deps, mns, acceptance, request.signal);
      hubProblem = await writeHubNamespace(deps.client, acceptance.definition, request.namespace, request.signal);
    }
    await writeStatus(deps, mns, statusOf(deps, mns, acceptance, hubProblem), request.signal);
    // Nothing announces a hub namespace finishing its deletion or being released: look again.
    return hubProblem ? reconcileResult.requeueAfter(HUB_RETRY) : reconcileResult.done();
  } catch (err) {
    // A write raced another (stale resourceVersion): read again from the cache shortly.
    if (isConflict(err)) return reconcileResult.requeue();
    throw err;
  }
}
