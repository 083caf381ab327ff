/**
 * The inventory on the member: for each BundleDeployment, one ConfigMap in
 * `flotilla-system` named `flotilla-inventory-<cluster namespace>-<name>` (shortened with a
 * hash when long, so the name is deterministic) listing the objects it applied. It lives on
 * the member, not the hub, so a restarted agent, or a new one, knows what to prune without
 * asking anything else; listing every inventory tells which objects another bundle also
 * holds. Written with the agent's own identity, never the bundle's service account.
 *
 * It also records the deploymentID whose whole Content was applied (absent while an apply is
 * under way). That, not the hub's `status.appliedDeploymentID`, tells the agent what the
 * member holds: a status write can be lost (a conflict, the agent stopped) after the member
 * changed, or be overwritten by another writer, and a deploymentID can come back (A, B, A)
 * after B pruned what A applied.
 */
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS, SYSTEM_NAMESPACE, safeConcatName } from '../api/names.js';
import { canonicalJson } from '../bundle/index.js';
import { isNotFound } from '../kube/api-error.js';
import type { ObjectClient } from '../kube/object-client.js';
import { type AppliedObjectRef, refKey } from './object-ref.js';

export const INVENTORY_NAME_PREFIX = 'flotilla-inventory-';
const DATA_KEY = 'inventory';
const FIELD_MANAGER = 'flotilla-agent';

/** An inventory line: the object, and the managed namespace it was rendered for, if any. */
export interface InventoryEntry extends AppliedObjectRef {
  /** Value of `flotilla.io/managed-namespace` on the object when applied (its definition's owner). */
  managedNamespace?: string;
}

export interface Inventory {
  /** `<cluster namespace>/<name>` of the BundleDeployment. */
  bundleDeployment: string;
  entries: InventoryEntry[];
  /** The deploymentID whose whole Content these entries are; absent while an apply is under way. */
  deploymentID?: string;
}

export function inventoryName(bundleDeploymentKey: string): string {
  return safeConcatName(INVENTORY_NAME_PREFIX.slice(0, -1), ...bundleDeploymentKey.split('/'));
}

function parse(configMap: KubeObject): Inventory | undefined {
  const text = (configMap.data as Record<string, string> | undefined)?.[DATA_KEY];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Inventory>;
    if (typeof parsed.bundleDeployment !== 'string' || !Array.isArray(parsed.entries)) return undefined;
    const inventory: Inventory = { bundleDeployment: parsed.bundleDeployment, entries: parsed.entries };
    if (typeof parsed.deploymentID === 'string') inventory.deploymentID = parsed.deploymentID;
    return inventory;
  } catch {
    return undefined;
  }
}

export class InventoryStore {
  /** Whether this store already applied the system namespace: applying it before every write cost the member a write each time. */
  private systemNamespaceEnsured = false;

  constructor(
    private readonly client: ObjectClient,
    private readonly hub: string,
  ) {}

  async read(bundleDeploymentKey: string): Promise<Inventory | undefined> {
    try {
      const cm = await this.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: inventoryName(bundleDeploymentKey) });
      return parse(cm);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Every inventory on the member. */
  async list(): Promise<Inventory[]> {
    try {
      const { items } = await this.client.listAll({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: SYSTEM_NAMESPACE });
      return items.filter((cm) => cm.metadata.name?.startsWith(INVENTORY_NAME_PREFIX)).flatMap((cm) => parse(cm) ?? []);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  /** Keys of the objects the other BundleDeployments' inventories list. */
  async keysOfOthers(bundleDeploymentKey: string): Promise<Set<string>> {
    const all = await this.list();
    return new Set(all.filter((i) => i.bundleDeployment !== bundleDeploymentKey).flatMap((i) => i.entries.map(refKey)));
  }

  /** Records the inventory; writes nothing when it is already recorded as given. */
  async write(inventory: Inventory, previous: Inventory | undefined): Promise<void> {
    if (previous && canonicalJson(previous) === canonicalJson(inventory)) return;
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: inventoryName(inventory.bundleDeployment),
        namespace: SYSTEM_NAMESPACE,
        labels: { [LABELS.managedBy]: this.hub },
        annotations: { [ANNOTATIONS.bundleDeployment]: inventory.bundleDeployment },
      },
      data: { [DATA_KEY]: JSON.stringify(inventory) },
    };
    if (!this.systemNamespaceEnsured) await this.ensureSystemNamespace();
    try {
      await this.client.apply(configMap, { fieldManager: FIELD_MANAGER, force: true });
    } catch (err) {
      // The namespace went away since (deleted, or a member reset): create it again and retry once.
      if (!isNotFound(err)) throw err;
      await this.ensureSystemNamespace();
      await this.client.apply(configMap, { fieldManager: FIELD_MANAGER, force: true });
    }
  }

  async delete(bundleDeploymentKey: string): Promise<void> {
    try {
      await this.client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: inventoryName(bundleDeploymentKey) });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async ensureSystemNamespace(): Promise<void> {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE } };
    await this.client.apply(ns, { fieldManager: FIELD_MANAGER });
    this.systemNamespaceEnsured = true;
  }
}
