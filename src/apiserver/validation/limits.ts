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
  // Serialising every object to measure it was a second JSON.stringify per write (the store
  // serialises once more at commit); an upper bound decides almost every write at a tenth
  // of the cost, and only objects the bound cannot clear are measured exactly.
  if (jsonBytesUpperBound(object) <= limit) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(object));
  return bytes > limit ? errors.tooLarge('etcdserver: request is too large') : undefined;
}

/** Longest JSON text of a number: `-1.2345678901234567e-308` is 24 characters. */
const MAX_NUMBER_CHARS = 25;

/**
 * At least as many bytes as the JSON encoding of a JSON-shaped value: a UTF-16 code unit
 * encodes to at most 6 bytes (`\uXXXX`), so a string costs at most six per unit and its
 * quotes; keys likewise with their colon and comma. Anything else (null, undefined and
 * functions, which encode as `null` in arrays) is counted as 4.
 */
export function jsonBytesUpperBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 6 * value.length + 2;
    case 'number':
      return MAX_NUMBER_CHARS;
    case 'boolean':
      return 5;
    case 'object':
      if (value === null) return 4;
      return Array.isArray(value) ? arrayBound(value) : objectBound(value as Record<string, unknown>);
    default:
      return 4;
  }
}

function arrayBound(items: readonly unknown[]): number {
  let n = 2;
  for (const item of items) n += jsonBytesUpperBound(item) + 1;
  return n;
}

function objectBound(object: Record<string, unknown>): number {
  let n = 2;
  for (const key of Object.keys(object)) n += 6 * key.length + 4 + jsonBytesUpperBound(object[key]);
  return n;
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
