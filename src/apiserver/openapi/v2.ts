/**
 * What `/openapi/v2` answers. This server publishes OpenAPI v3 only.
 *
 * kubectl 1.32 asks `/openapi/v3` (JSON) first for everything it needs: `explain`, the
 * `fieldValidation` support check before create/apply, and client-side apply's patch strategies.
 * It asks `/openapi/v2` only as protobuf (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`),
 * and only as a fallback: when building a client-side apply patch for a kind whose v3 document
 * offers no strategic merge patch (then any error is ignored and kubectl uses its compiled-in
 * types, or a JSON merge patch for custom resources), and for client-side validation when the
 * v3 document shows no `fieldValidation` parameter (which ours always shows).
 *
 * So the answer is a 404 NotFound Status, the same as for any path the server does not serve:
 * client-go's OpenAPISchema() returns it as an error, which those fallbacks handle. Answering
 * 200 with JSON would be worse: kubectl would try to decode it as protobuf and report a
 * confusing parse error. A 406 would work too, but 404 is what a server without the endpoint
 * says, and kubectl never needs v2 from us.
 */
import { errors, type Status } from '../status.js';

export interface OpenApiV2Answer {
  code: number;
  body: Status;
}

export function openApiV2Answer(): OpenApiV2Answer {
  const error = errors.pathNotFound();
  return { code: error.code, body: error.toStatus() };
}
