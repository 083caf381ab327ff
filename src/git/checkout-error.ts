/**
 * Why a checkout cannot be read safely. Every CheckoutError names the offending path
 * (relative to the checkout, with `/`), so the GitRepo's condition can tell the user which
 * file to fix. All reasons need the user to act: retrying reads the same commit again.
 */

export const checkoutErrorCatalog = {
  PathEscapes: 'the path leaves the checkout (absolute, `..`, or through a symlink)',
  NotFound: 'the path does not exist in the checkout',
  FileTooLarge: 'a file is larger than the per-file limit',
  TooManyFiles: 'the checkout holds more files than the limit',
  TooManyBytes: 'the files add up to more than the size limit',
  TooDeep: 'directories nest deeper than the limit',
} as const;

export type CheckoutErrorReason = keyof typeof checkoutErrorCatalog;

export class CheckoutError extends Error {
  override readonly name = 'CheckoutError';

  constructor(
    readonly reason: CheckoutErrorReason,
    /** The offending path, relative to the checkout root. */
    readonly path: string,
    detail?: string,
  ) {
    super(`${path || '.'}: ${checkoutErrorCatalog[reason]}${detail ? ` (${detail})` : ''}`);
  }
}
