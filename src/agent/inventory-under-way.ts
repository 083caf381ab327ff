/**
 * What the inventory records while a deploy is under way, and what it lists for each applied
 * object. Pure: the applier writes the result.
 */
import type { KubeObject } from '../api/meta.js';
import type { Inventory, InventoryEntry } from './inventory-store.js';
import { managedOwnerOf } from './namespace-placement.js';
import { refKey, refOf } from './object-ref.js';

/** The inventory line of an object: its ref, and the managed namespace it was rendered for. */
export function inventoryEntryOf(obj: KubeObject): InventoryEntry {
  const owner = managedOwnerOf(obj);
  return owner === undefined ? refOf(obj) : { ...refOf(obj), managedNamespace: owner };
}

/**
 * What the inventory records while applying: the union of what was and what will be applied,
 * so a crash between writes still leaves every applied object listed. While a new Content is
 * under way it names no deploymentID: the Content is whole only after the last write.
 */
export function inventoryUnderWay(key: string, previous: Inventory | undefined, entries: readonly InventoryEntry[], isNew: boolean): Inventory {
  const union = new Map([...(previous?.entries ?? []), ...entries].map((e) => [refKey(e), e]));
  const inventory: Inventory = { bundleDeployment: key, entries: [...union.values()] };
  if (!isNew && previous?.deploymentID !== undefined) inventory.deploymentID = previous.deploymentID;
  return inventory;
}
