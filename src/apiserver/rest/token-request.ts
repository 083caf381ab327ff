/**
 * The TokenRequest subresource (`POST serviceaccounts/<name>/token`, what `kubectl create
 * token` calls): issues a ServiceAccount JWT that expires, optionally bound to a Secret so
 * deleting that Secret revokes it. Nothing is stored; the token is in the answer only.
 */
import type { KubeObject } from '../../api/meta.js';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { sendJson } from '../http/respond.js';
import { errors, StatusError } from '../status.js';
import type { Target } from './object-service.js';
import { timestamp, type ObjectService } from './object-service.js';
import type { ResourceType } from '../resource-type.js';
import { readObject, type ExtensionHandler } from './resource-handler.js';

/** Kubernetes' default lifetime when the request names none, and its bounds. */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

export interface TokenRequestDeps {
  service: ObjectService;
  issuer: TokenIssuer;
  now: () => Date;
  /** The Secret resource of a logical cluster, for tokens bound to a Secret. */
  secretsResource(cluster: string): ResourceType | undefined;
}

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectRef | null;
}

function invalid(name: string, field: string, value: unknown, message: string): StatusError {
  const target = { group: 'authentication.k8s.io', resource: 'tokenrequests', kind: 'TokenRequest', name };
  return errors.invalid(target, [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: ${message}` }]);
}

/** The validated spec with Kubernetes' defaults applied. */
export function tokenRequestSpec(name: string, input: unknown): Required<Pick<TokenRequestSpec, 'audiences' | 'expirationSeconds'>> & TokenRequestSpec {
  const spec = (typeof input === 'object' && input !== null ? input : {}) as TokenRequestSpec;
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (!Number.isInteger(expirationSeconds)) throw invalid(name, 'spec.expirationSeconds', expirationSeconds, 'must be a whole number of seconds');
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) throw invalid(name, 'spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes');
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) throw invalid(name, 'spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds');
  const audiences = Array.isArray(spec.audiences) ? spec.audiences.filter((a): a is string => typeof a === 'string') : [];
  return { ...spec, audiences, expirationSeconds };
}

/** The Secret a token is bound to, checked to exist with the uid the request names. */
function boundSecret(target: Target, deps: TokenRequestDeps, ref: BoundObjectRef | null | undefined) {
  if (!ref) return undefined;
  if (ref.kind !== 'Secret') throw errors.badRequest(`cannot bind token for object of kind ${String(ref.kind)}: this server binds tokens to Secrets only`);
  const secrets = secretsTarget(deps, target);
  const secret = secrets && deps.service.find(secrets, ref.name ?? '');
  if (!secret) throw errors.notFound({ group: '', resource: 'secrets', name: ref.name ?? '' });
  if (ref.uid && ref.uid !== secret.metadata.uid) {
    const message = `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`;
    throw errors.conflict({ group: '', resource: 'secrets', name: ref.name ?? '' }, message);
  }
  return { name: secret.metadata.name ?? '', uid: secret.metadata.uid ?? '' };
}

function secretsTarget(deps: TokenRequestDeps, target: Target): Target | undefined {
  const resource = deps.secretsResource(target.cluster);
  return resource && { cluster: target.cluster, resource, namespace: target.namespace };
}

/** Serves `serviceaccounts/<name>/token`; every other request passes through. */
export function tokenRequestHandler(deps: TokenRequestDeps): ExtensionHandler {
  return async (r, target) => {
    if (r.resource.group !== '' || r.resource.plural !== 'serviceaccounts' || r.path.subresource !== 'token') return false;
    if (r.req.method !== 'POST' || !r.path.name) throw errors.methodNotAllowed();
    const name = r.path.name;
    const request: KubeObject = await readObject(r.req);
    const spec = tokenRequestSpec(name, request.spec);
    const sa = deps.service.get(target, name);
    const secret = boundSecret(target, deps, spec.boundObjectRef);
    const now = deps.now();
    const token = await deps.issuer.issue({
      namespace: target.namespace,
      serviceAccount: { name, uid: sa.metadata.uid ?? '' },
      secret,
      audiences: spec.audiences.length ? spec.audiences : [...deps.issuer.audiences],
      expirationSeconds: spec.expirationSeconds,
    });
    const expires = new Date(now.getTime() + spec.expirationSeconds * 1000);
    sendJson(r.res, 201, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace: target.namespace, creationTimestamp: timestamp(now) },
      spec: { ...spec, audiences: spec.audiences.length ? spec.audiences : [...deps.issuer.audiences], boundObjectRef: spec.boundObjectRef ?? null },
      status: { token, expirationTimestamp: timestamp(expires) },
    });
    return true;
  };
}
