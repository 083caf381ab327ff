/**
 * Size and depth limits on what clients send, with the Status Kubernetes answers when they
 * are passed. Request bodies over 3 MiB are refused by kube-apiserver before decoding; objects
 * over 1.5 MiB are refused by etcd's default request limit, which Flotilla's own storage
 * copies so that what works here also works against a real cluster.
 */
import { errors, StatusError } from '../status.js';

/** kube-apiserver's MaxRequestBodyBytes: 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** etcd's default --max-request-bytes: 1.5 MiB, the largest object Kubernetes can store. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/**
 * How deeply JSON may nest. Kubernetes' decoder allows 10000 levels, but Node's
 * JSON.stringify and structuredClone overflow the stack at around 4000, so Flotilla refuses
 * bodies past 1000 levels rather than failing later while storing them.
 */
export const MAX_NESTING_DEPTH = 1000;

/** 413 with Kubernetes' wording: `Request entity too large: limit is 3145728`. */
export function requestEntityTooLarge(limit: number): StatusError {
  return errors.tooLarge(`Request entity too large: limit is ${limit}`);
}

/** Checks a request body's length in bytes; returns the error to answer with, if any. */
export function checkRequestBodySize(bytes: number, limit = MAX_REQUEST_BODY_BYTES): StatusError | undefined {
  return bytes > limit ? requestEntityTooLarge(limit) : undefined;
}

/**
 * Checks the size of an object about to be stored (its JSON encoding). A real cluster
 * fails these writes in etcd with "etcdserver: request is too large"; Flotilla answers 413
 * RequestEntityTooLarge with that same message.
 */
export function checkObjectSize(object: unknown, limit = MAX_OBJECT_BYTES): StatusError | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(object));
  return bytes > limit ? errors.tooLarge('etcdserver: request is too large') : undefined;
}

/** The deepest nesting of arrays and objects in JSON text, found without parsing it. */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** 400 BadRequest for JSON nested deeper than the limit, checked before parsing. */
export function checkNestingDepth(text: string, limit = MAX_NESTING_DEPTH): StatusError | undefined {
  return jsonNestingDepth(text) > limit ? errors.badRequest(`exceeded max depth of ${limit}`) : undefined;
}
