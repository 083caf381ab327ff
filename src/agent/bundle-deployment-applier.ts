/**
 * The agent's engine for one member cluster: applies a BundleDeployment's Content with
 * server-side apply (field manager `flotilla-agent`; forced only under `correctDrift` or an
 * `Always` adoption), as the BundleDeployment's service account when it names one, records
 * the inventory on the member, prunes what the Content dropped, and reports readiness and
 * drift as BundleDeployment status. Idempotent: an object already applied from this
 * deploymentID and unchanged is not written again, so a restarted agent re-applies nothing.
 *
 * Objects of a kind the member does not serve (missing-kinds) fail alone: the rest of the
 * Content is applied, the failure names the kinds, and nothing is pruned meanwhile.
 *
 * `deploy` applies (a new deploymentID, or drift to correct) and then checks; `check` only
 * reads (readiness and drift after a watch event or on the resync timer); `remove` runs when
 * the BundleDeployment is gone.
 */
import type { BundleDeployment, BundleDeploymentStatus } from '../api/bundle-deployment.js';
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS, SYSTEM_NAMESPACE } from '../api/names.js';
import { isNotFound } from '../kube/api-error.js';
import type { ObjectClient } from '../kube/object-client.js';
import { AppliedStateCache, type ExpectedState } from './applied-state-cache.js';
import { type ApplyFailure, type ObservedObject, bundleDeploymentStatus } from './bundle-deployment-status.js';
import { ownedFieldsOf } from './field-drift.js';
import { type Inventory, type InventoryEntry, InventoryStore } from './inventory-store.js';
import { diffInventory } from './inventory-diff.js';
import { inventoryEntryOf, inventoryUnderWay } from './inventory-under-way.js';
import { objectDrift } from './modified-status.js';
import { mayPrune } from './prune-guard.js';
import { AdoptionRefusedError, executeRemoval, forcedByAdoption, getOrUndefined, markAdopted, type NamespacePlacement, planNamespacePlacement, planRemovals } from './namespace-placement.js';
import { describeRef, refKey, refOf, type AppliedObjectRef } from './object-ref.js';
import { isKindNotServed, KIND_NOT_SERVED, KindsNotServedError } from './missing-kinds.js';
import { missingReadiness, readinessOf } from './readiness.js';
import { deleteOrder } from './apply-order.js';
import { ensureReleaseNamespaces } from './release-namespaces.js';
import type { ModifiedStatus } from '../api/bundle-summary.js';

export const AGENT_FIELD_MANAGER = 'flotilla-agent';

export interface BundleDeploymentApplierOptions {
  /** The member cluster, with the agent's own identity. */
  client: ObjectClient;
  /** This agent's hub identity, written as `flotilla.io/managed-by` on what it applies. */
  hub: string;
  /** A client acting as `username` (impersonation); needed when BundleDeployments name a service account. */
  impersonate?: (username: string) => Promise<ObjectClient>;
  /** RFC 3339 "now", for condition times; default the wall clock. */
  now?: () => string;
}

export interface DeployInput {
  bundleDeployment: BundleDeployment;
  /** The Content's manifests (decoded). */
  manifests: readonly KubeObject[];
}

function keyOf(bd: BundleDeployment): string {
  return `${bd.metadata.namespace ?? ''}/${bd.metadata.name ?? ''}`;
}

function failureOf(err: unknown): ApplyFailure {
  if (err instanceof AdoptionRefusedError) return { reason: 'AdoptionRefused', message: err.message };
  if (err instanceof KindsNotServedError) return { reason: KIND_NOT_SERVED, message: err.message };
  return { reason: 'ApplyFailed', message: err instanceof Error ? err.message : String(err) };
}

export class BundleDeploymentApplier {
  private readonly inventories: InventoryStore;
  private readonly expected = new AppliedStateCache(AGENT_FIELD_MANAGER);
  private readonly now: () => string;

  constructor(private readonly options: BundleDeploymentApplierOptions) {
    this.inventories = new InventoryStore(options.client, options.hub);
    this.now = options.now ?? (() => new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  }

  /** Whether `seen` is the object exactly as this applier's last apply of it left it (its own write, echoed by a watch). */
  isOwnWrite(ref: AppliedObjectRef, seen: KubeObject): boolean {
    return this.expected.isOwnWrite(ref, seen);
  }

  /** The manifests as the agent applies them: with its ownership labels and annotations. */
  decorate(input: DeployInput): KubeObject[] {
    const bd = input.bundleDeployment;
    const bundleLabels = bd.metadata.labels ?? {};
    const labels: Record<string, string> = { [LABELS.managedBy]: this.options.hub };
    for (const key of [LABELS.bundleName, LABELS.bundleNamespace]) if (bundleLabels[key]) labels[key] = bundleLabels[key];
    const annotations = { [ANNOTATIONS.bundleDeployment]: keyOf(bd), [ANNOTATIONS.deploymentId]: bd.spec.deploymentID ?? '' };
    return input.manifests.map((m) => ({
      ...m,
      metadata: { ...m.metadata, labels: { ...m.metadata.labels, ...labels }, annotations: { ...m.metadata.annotations, ...annotations } },
    }));
  }

  /** Applies what is needed (a new deploymentID, or drift under correctDrift), then checks. */
  async deploy(input: DeployInput): Promise<BundleDeploymentStatus> {
    const bd = input.bundleDeployment;
    const isNew = !(await this.isApplied(bd));
    const correct = this.correctDrift(bd);
    if (!isNew && !correct) return this.check(input);
    try {
      const observed = await this.applyAll(input, { isNew, force: correct });
      return this.check(input, { applied: true, observed });
    } catch (err) {
      return this.check(input, { applied: !isNew, failure: failureOf(err) });
    }
  }

  /**
   * Whether the member holds the whole Content of the BundleDeployment's deploymentID: the
   * status says so and the inventory on the member agrees. The status alone is not enough:
   * its write can be lost after the member changed (a conflict, a stopped agent), or another
   * writer can overwrite it, and a deploymentID can return (A, B, A) after B pruned A's objects.
   */
  async isApplied(bd: BundleDeployment): Promise<boolean> {
    if (bd.status?.appliedDeploymentID !== bd.spec.deploymentID) return false;
    let inventory: Inventory | undefined;
    try {
      inventory = await this.inventories.read(keyOf(bd));
    } catch {
      // The member cannot be read: the status stands for now, and the check that follows says why it is not Ready.
      return true;
    }
    return inventory?.deploymentID !== undefined && inventory.deploymentID === bd.spec.deploymentID;
  }

  /**
   * Readiness and drift from the live objects; writes nothing. `observed` holds objects as the
   * server answered an apply a moment ago (keyed by refKey): those are not read again.
   */
  async check(input: DeployInput, outcome: { applied?: boolean; failure?: ApplyFailure; observed?: ReadonlyMap<string, KubeObject> } = {}): Promise<BundleDeploymentStatus> {
    const bd = input.bundleDeployment;
    const applied = outcome.applied ?? bd.status?.appliedDeploymentID === bd.spec.deploymentID;
    const objects: ObservedObject[] = [];
    const modified: ModifiedStatus[] = [];
    let monitorFailure: string | undefined;
    try {
      const writer = await this.writerFor(bd);
      for (const manifest of this.decorate(input)) {
        const seen = await this.observe(writer, bd, manifest, { applied, observed: outcome.observed });
        objects.push(seen.object);
        if (seen.drift) modified.push(seen.drift);
      }
    } catch (err) {
      monitorFailure = `checking the applied objects failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    const adopted = objects
      .filter((o) => o.ref.kind === 'Namespace' && o.live?.metadata.annotations?.[ANNOTATIONS.adopted] === 'true')
      .map((o) => o.ref.name);
    return bundleDeploymentStatus({
      deploymentID: bd.spec.deploymentID,
      applied,
      adopted,
      failure: outcome.failure,
      objects,
      modified,
      monitorFailure,
      previous: bd.status,
      generation: bd.metadata.generation,
      now: this.now(),
    });
  }

  /** One object as `check` sees it: live (as just applied, else read), its readiness, and its drift once applied. */
  private async observe(writer: ObjectClient, bd: BundleDeployment, manifest: KubeObject, how: { applied: boolean; observed: ReadonlyMap<string, KubeObject> | undefined }): Promise<{ object: ObservedObject; drift?: ModifiedStatus }> {
    const ref = refOf(manifest);
    const live = how.observed?.get(refKey(ref)) ?? (await getOrUndefined(this.options.client, ref));
    const ignoreConditions = bd.spec.options?.ignore?.conditions;
    const object = { ref, live, readiness: live ? readinessOf(live, { ignoreConditions }) : missingReadiness(describeRef(ref)) };
    if (!how.applied) return { object };
    const state = live ? await this.expectedState(writer, manifest, live) : { expected: manifest, owned: {} };
    const drift = objectDrift({ ref, expected: state.expected, live, owned: state.owned, comparePatches: bd.spec.options?.diff?.comparePatches });
    return drift ? { object, drift } : { object };
  }

  /**
   * The BundleDeployment is gone: deletes what it applied (unless `keepResources`), never a
   * plain Namespace unless `deleteNamespace`, applies the delete policy of its managed
   * namespaces, and drops its inventory. Returns messages for what it refused to delete.
   */
  async remove(bd: BundleDeployment): Promise<string[]> {
    const key = keyOf(bd);
    const inventory = await this.inventories.read(key);
    if (!inventory) return [];
    const options = bd.spec.options ?? {};
    const diff = diffInventory({ desired: [], previous: inventory.entries, otherInventories: await this.othersIfDropped(key, [], inventory.entries), keepResources: options.keepResources, deleteCRDResources: options.deleteCRDResources });
    const messages = await this.pruneAndRelease(key, inventory.entries, diff.prune, diff.kept.map((k) => k.ref));
    if (options.deleteNamespace) {
      for (const ns of diff.kept.filter((k) => k.reason === 'Namespace' && !(k.ref as InventoryEntry).managedNamespace)) {
        const live = await getOrUndefined(this.options.client, ns.ref);
        if (live?.metadata.labels?.[LABELS.managedBy] === this.options.hub) await this.deleteObject(ns.ref);
      }
    }
    await this.inventories.delete(key);
    return messages;
  }

  /**
   * What other inventories list, which matters only for objects the Content dropped (one another
   * bundle also lists is kept). Listing every inventory is a read that grows with the bundles on
   * the member, so it is skipped when nothing was dropped, as on every first deploy.
   */
  private async othersIfDropped(key: string, desired: readonly KubeObject[], previous: readonly InventoryEntry[]): Promise<ReadonlySet<string>> {
    const wanted = new Set(desired.map((o) => refKey(refOf(o))));
    if (previous.every((e) => wanted.has(refKey(e)))) return new Set();
    return this.inventories.keysOfOthers(key);
  }

  private correctDrift(bd: BundleDeployment): boolean {
    return (bd.spec.correctDrift?.enabled ?? bd.spec.options?.correctDrift?.enabled) === true;
  }

  private async writerFor(bd: BundleDeployment): Promise<ObjectClient> {
    const sa = bd.spec.options?.serviceAccount;
    if (!sa) return this.options.client;
    if (!this.options.impersonate) throw new Error(`BundleDeployment ${keyOf(bd)} names service account ${sa}, but this agent cannot impersonate`);
    return this.options.impersonate(`system:serviceaccount:${SYSTEM_NAMESPACE}:${sa}`);
  }

  /** Applies the Content; returns each object as the server holds it afterwards, keyed by refKey. */
  private async applyAll(input: DeployInput, how: { isNew: boolean; force: boolean }): Promise<Map<string, KubeObject>> {
    const bd = input.bundleDeployment;
    const key = keyOf(bd);
    const desired = this.decorate(input);
    const writer = await this.writerFor(bd);
    // Every read and decision comes before the first write, so a refusal changes nothing.
    const previous = await this.inventories.read(key);
    const diff = diffInventory({
      desired,
      previous: previous?.entries ?? [],
      otherInventories: await this.othersIfDropped(key, desired, previous?.entries ?? []),
      keepResources: bd.spec.options?.keepResources,
      deleteCRDResources: bd.spec.options?.deleteCRDResources,
    });
    const placement = await planNamespacePlacement(this.options.client, desired, this.options.hub);
    const entries = diff.apply.map(inventoryEntryOf);
    // Record the union first: a crash between writes still leaves every applied object listed.
    const underWay = inventoryUnderWay(key, previous, entries, how.isNew);
    await this.inventories.write(underWay, previous);
    await ensureReleaseNamespaces({ reader: this.options.client, writer, desired, bundleDeployment: bd, hub: this.options.hub, fieldManager: `${AGENT_FIELD_MANAGER}-namespace` });
    const observed = await this.applyObjects(writer, diff.apply, { ...how, placement, previous, deploymentID: bd.spec.deploymentID });
    if (how.isNew) await this.pruneAndRelease(key, previous?.entries ?? [], diff.prune, diff.kept.map((k) => k.ref));
    await this.inventories.write({ bundleDeployment: key, entries, deploymentID: bd.spec.deploymentID }, underWay);
    return observed;
  }

  /**
   * Applies each object; returns them as the server holds them afterwards, keyed by refKey. A
   * kind the member lacks fails only its own objects (KindsNotServedError once the rest is
   * applied: the union stays recorded and nothing is pruned); anything else stops the deploy.
   */
  private async applyObjects(writer: ObjectClient, manifests: readonly KubeObject[], how: { isNew: boolean; force: boolean; placement: NamespacePlacement; previous: Inventory | undefined; deploymentID?: string }): Promise<Map<string, KubeObject>> {
    const notServed: AppliedObjectRef[] = [];
    const observed = new Map<string, KubeObject>();
    const listed = new Set((how.previous?.entries ?? []).map(refKey));
    for (const manifest of manifests) {
      const ref = refKey(refOf(manifest));
      try {
        const force = how.force || forcedByAdoption(how.placement, manifest);
        observed.set(ref, await this.applyOne(writer, markAdopted(how.placement, manifest), { force, deploymentID: how.deploymentID, listed: listed.has(ref) }));
      } catch (err) {
        if (!(await isKindNotServed(this.options.client, refOf(manifest), err))) throw err;
        notServed.push(refOf(manifest));
      }
    }
    if (notServed.length > 0) throw new KindsNotServedError(notServed, manifests.length - notServed.length);
    return observed;
  }

  /**
   * Applies one object unless it is already as applied from this deploymentID; returns it as
   * the server holds it. Only an object the inventory already lists (an apply cut short, a
   * restart) can be: one it does not list is applied without reading it first.
   */
  private async applyOne(writer: ObjectClient, manifest: KubeObject, how: { force: boolean; deploymentID?: string; listed: boolean }): Promise<KubeObject> {
    const live = how.listed ? await getOrUndefined(this.options.client, refOf(manifest)) : undefined;
    if (live && live.metadata.annotations?.[ANNOTATIONS.deploymentId] === how.deploymentID) {
      const state = await this.expectedState(writer, manifest, live);
      if (!objectDrift({ ref: refOf(manifest), expected: state.expected, live, owned: state.owned })) return live;
    }
    const answer = await writer.apply<KubeObject>(manifest, { fieldManager: AGENT_FIELD_MANAGER, force: how.force });
    this.expected.record(manifest, answer);
    return answer;
  }

  /** What the agent expects of a live object: its record, else a dry-run apply (which writes nothing). */
  private async expectedState(writer: ObjectClient, manifest: KubeObject, live: KubeObject): Promise<ExpectedState> {
    const known = this.expected.lookup(manifest, live);
    if (known) return known;
    try {
      const answer = await writer.apply<KubeObject>(manifest, { fieldManager: AGENT_FIELD_MANAGER, force: true, dryRun: true });
      return this.expected.record(manifest, { ...answer, metadata: { ...answer.metadata, uid: live.metadata.uid } });
    } catch {
      // Not allowed to dry-run (or the server cannot): fall back to the live ownership record.
      return { expected: manifest, owned: ownedFieldsOf(live, AGENT_FIELD_MANAGER) ?? {} };
    }
  }

  private async deleteObject(ref: AppliedObjectRef): Promise<void> {
    try {
      await this.options.client.delete(ref, { propagationPolicy: 'Background' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Prunes, and applies the delete policy of managed namespaces that left the Content. */
  private async pruneAndRelease(key: string, previous: readonly InventoryEntry[], prune: readonly AppliedObjectRef[], kept: readonly AppliedObjectRef[]): Promise<string[]> {
    const byKey = new Map(previous.map((e) => [refKey(e), e]));
    const dropped = [...prune, ...kept].map((r) => byKey.get(refKey(r)) ?? r);
    const plans = await planRemovals(this.options.client, kept.map((r) => byKey.get(refKey(r)) ?? r), dropped, this.options.hub);
    const handled = new Set(plans.flatMap((p) => [...p.deleteObjects, ...p.releaseObjects].map(refKey)));
    for (const ref of deleteOrder(prune.filter((r) => !handled.has(refKey(r))))) {
      const live = await getOrUndefined(this.options.client, ref);
      // Only what says this BundleDeployment applied it: another may have taken it since, or its apply was refused.
      if (live && mayPrune(live, key)) await this.deleteObject(ref);
    }
    const messages: string[] = [];
    for (const plan of plans) {
      const refused = await executeRemoval(this.options.client, plan, (ref) => this.deleteObject(ref));
      if (refused) messages.push(refused);
    }
    return messages;
  }
}
