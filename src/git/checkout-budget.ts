/**
 * The size limits of one checkout (fetchRevision's maxCheckoutBytes and maxCheckoutEntries),
 * counted as entries are written. Every tree, file, symlink and submodule is one entry; the
 * bytes are those of the files and symlink targets.
 */
import { GitSourceError } from './git-error.js';

export interface CheckoutSize {
  bytes: number;
  entries: number;
}

export interface CheckoutLimits {
  maxBytes?: number | undefined;
  maxEntries?: number | undefined;
}

export interface CheckoutBudget {
  readonly limits: CheckoutLimits;
  /** What has been written so far. */
  readonly written: CheckoutSize;
  /** Count `added` at `path`; fails with TooLarge once the written total passes a limit. */
  add(path: string, added: CheckoutSize): void;
}

export function createCheckoutBudget(limits: CheckoutLimits): CheckoutBudget {
  const written: CheckoutSize = { bytes: 0, entries: 0 };
  return {
    limits,
    written,
    add(path, added) {
      written.bytes += added.bytes;
      written.entries += added.entries;
      checkCheckoutLimits(limits, written, ` (at "${path}")`);
    },
  };
}

/** Fail with TooLarge when `size` passes a limit; `where` ends the message. */
export function checkCheckoutLimits(limits: CheckoutLimits, size: CheckoutSize, where = ''): void {
  if (limits.maxEntries !== undefined && size.entries > limits.maxEntries) {
    throw new GitSourceError('TooLarge', `the repository has more than ${limits.maxEntries} files and directories${where}`);
  }
  if (limits.maxBytes !== undefined && size.bytes > limits.maxBytes) {
    throw new GitSourceError('TooLarge', `the repository's files exceed ${limits.maxBytes} bytes${where}`);
  }
}
