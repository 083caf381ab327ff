/**
 * What can go wrong reading a protobuf body, as the Status errors the server answers with:
 * a malformed body is the client's mistake (400 BadRequest); a well-formed body of a kind
 * this server has no wire description for is a media type it cannot accept (415), named so
 * the user knows which kind to send as JSON instead. Both keep StatusError's `name`, which
 * the server reads to tell answered errors from failures worth logging.
 */
import { StatusError } from '../status.js';

export class ProtobufDecodeError extends StatusError {
  constructor(detail: string) {
    super(400, 'BadRequest', `the body of the request could not be decoded as Kubernetes protobuf: ${detail}`);
  }
}

export class UnsupportedProtobufKindError extends StatusError {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
    super(
      415,
      'UnsupportedMediaType',
      `the server cannot decode ${kind} (${apiVersion || 'no apiVersion'}) from application/vnd.kubernetes.protobuf; send it as application/json`,
      { group, kind },
    );
  }
}
