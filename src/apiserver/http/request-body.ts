/**
 * Reads a request body within the size limit Kubernetes uses (3 MiB) and parses it as JSON,
 * YAML or Kubernetes protobuf (what kubectl's typed commands send) by its Content-Type.
 * Oversized and malformed bodies become Status errors; keys a JSON or YAML body repeats are
 * found here too, for the strict decoding report (`duplicateFieldsOf`).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';
import { errors } from '../status.js';
import { duplicateFieldErrors } from '../validation/duplicate-fields.js';
import { checkNestingDepth, MAX_NESTING_DEPTH } from '../validation/limits.js';

export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw errors.tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw errors.tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type of a request, without parameters: `application/json`. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

export function parseBody(body: Buffer, type: string): unknown {
  if (type === PROTOBUF_MEDIA_TYPE) return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  refuseDeepJson(text, type);
  if (type.includes('yaml')) return parseYamlBody(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw errors.badRequest(`the body of the request was not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * JSON text nested past the limit is refused before anything parses it: the strict decoding
 * report, the deep copies and the validators walk objects recursively and would overflow the
 * stack (a 500, or an aborted process) on a few thousand levels. Only text that is JSON is
 * counted (a JSON media type, or a YAML body that opens as JSON): brackets in plain YAML
 * scalars are not nesting.
 */
function refuseDeepJson(text: string, type: string): void {
  // Nesting past the limit takes an opening and a closing bracket per level: a shorter body
  // (nearly every one) cannot reach it, and is not scanned.
  if (text.length <= 2 * MAX_NESTING_DEPTH) return;
  const start = text.trimStart()[0];
  if (!type.includes('json') && start !== '{' && start !== '[') return;
  const err = checkNestingDepth(text);
  if (err) throw err;
}

/**
 * A YAML body. JSON is YAML and means the same in both, and most clients (client-node, the
 * agent's server-side apply) send JSON under the YAML media type, so a body that opens as
 * JSON is tried with JSON.parse first: about ten times cheaper than the YAML parser, which
 * was the largest cost of an apply on the member. A flow mapping that is not strict JSON
 * (`{a: 1}`) fails that try and is parsed as YAML.
 */
function parseYamlBody(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not strict JSON: YAML decides below.
    }
  }
  try {
    // Repeated keys parse (the last wins) and are reported by field validation instead.
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: false }) as unknown;
  } catch (err) {
    throw errors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
  }
}

/** The strict decoding errors for keys a body repeats (none for protobuf), as Kubernetes words them. */
export function duplicateFieldsOf(body: Buffer, type: string): string[] {
  if (type === PROTOBUF_MEDIA_TYPE) return [];
  return duplicateFieldErrors(body.toString('utf8'), type);
}
