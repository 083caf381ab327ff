/**
 * One resource request as the handlers see it (after authentication and path parsing),
 * and the extension point for verbs the generic handler does not serve.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../api/meta.js';
import type { UserInfo } from '../auth/user-info.js';
import { mediaType, parseBody, readBody } from '../http/request-body.js';
import type { ResourceType } from '../resource-type.js';
import { errors } from '../status.js';
import type { PathTarget } from './request-path.js';
import type { Target } from './resource-hooks.js';

export type ResourcePath = Extract<PathTarget, { kind: 'resource' }>;

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  cluster: string;
  path: ResourcePath;
  resource: ResourceType;
  query: URLSearchParams;
  /** The authenticated (or impersonated) user the request acts as. */
  user?: UserInfo;
}

/** Handles a verb the generic handler does not: PATCH, or a subresource like `token`. */
export type ExtensionHandler = (r: ResourceRequest, target: Target) => Promise<boolean>;

export async function readObject(req: IncomingMessage): Promise<KubeObject> {
  const body = parseBody(await readBody(req), mediaType(req));
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request must be a JSON object');
  return body as KubeObject;
}
