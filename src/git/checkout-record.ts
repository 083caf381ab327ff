/**
 * The record fetchRevision keeps beside its checkout (`<dir>/checkout.json`): which commit
 * the checkout holds and its size, so the next commit's checkout can be made by updating
 * this one (updateCheckout) without re-reading every unchanged file to count it. A missing,
 * unreadable or stale record only means the next checkout is written in full.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckoutSize } from './checkout-budget.js';

export interface CheckoutRecord extends CheckoutSize {
  commit: string;
}

const fileName = 'checkout.json';

export async function readCheckoutRecord(dir: string): Promise<CheckoutRecord | undefined> {
  const text = await readFile(join(dir, fileName), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Replace the record atomically, so a crash leaves the old record or the new one. */
export async function writeCheckoutRecord(dir: string, record: CheckoutRecord): Promise<void> {
  const temporary = join(dir, `.${fileName}-${process.pid}-${Date.now()}`);
  await writeFile(temporary, JSON.stringify(record));
  await rename(temporary, join(dir, fileName));
}

export async function removeCheckoutRecord(dir: string): Promise<void> {
  await rm(join(dir, fileName), { force: true });
}

function asRecord(value: unknown): CheckoutRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { commit, bytes, entries } = value as Record<string, unknown>;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (typeof commit !== 'string' || !/^[0-9a-f]{40}$/.test(commit) || !count(bytes) || !count(entries)) return undefined;
  return { commit, bytes, entries };
}
