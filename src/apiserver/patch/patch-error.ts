/**
 * The error every patch function throws for a patch that cannot be applied, carrying the
 * HTTP code Kubernetes answers with and the detailed reason.
 */
import { StatusError, errors } from '../status.js';

/** Kubernetes' wording when a well-formed patch does not apply to the object (422). */
export const REJECTED_MESSAGE = 'the server rejected our request due to an error in our request';

export type PatchErrorCode = 400 | 422;

export class PatchError extends Error {
  /**
   * @param code 400 when the patch itself is malformed, 422 when it is well formed but does
   *   not apply to this object (a missing path, a failed `test`).
   * @param message the detailed reason, worded as Kubernetes' patch libraries word it.
   */
  constructor(
    readonly code: PatchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }

  /**
   * The Status a client sees. Kubernetes answers a patch that does not apply with the
   * generic 422 message and no details, and a malformed one with a 400 naming the problem.
   */
  toStatusError(): StatusError {
    if (this.code === 400) return errors.badRequest(this.message);
    return new StatusError(422, 'Invalid', REJECTED_MESSAGE, {});
  }
}

export const malformed = (message: string): PatchError => new PatchError(400, message);
export const doesNotApply = (message: string): PatchError => new PatchError(422, message);
