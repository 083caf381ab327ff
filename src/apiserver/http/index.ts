/**
 * The HTTP edge of the API server: reading and parsing request bodies (JSON, YAML,
 * Kubernetes protobuf), writing JSON answers and Status errors, and deciding who a request
 * acts as and whether it may (authentication, impersonation, RBAC), composed per server by
 * `createServerAuth`. Nothing here logs or returns a token.
 */
export { impersonatedUser } from './impersonate-request.js';
export { isPublicPath, RequestAuth } from './request-auth.js';
export type { Admission, RequestAuthDeps } from './request-auth.js';
export { MAX_REQUEST_BYTES, mediaType, parseBody, readBody } from './request-body.js';
export { sendError, sendJson, sendRaw, statusOf } from './respond.js';
export { createServerAuth } from './server-auth.js';
export type { Lifecycle, ServerAuth, ServerAuthOptions } from './server-auth.js';
export { storeCredentials } from './store-credentials.js';
export { readTokenAuthFile } from './token-auth-file.js';
