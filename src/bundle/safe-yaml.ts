/**
 * Parsing untrusted YAML from git. A repository is user input: a file may be huge, nest
 * without end, or use aliases that expand exponentially (billion laughs). Everything in
 * src/bundle parses YAML through here so these limits hold everywhere, and every parse
 * error comes back as a BundleError with the file, line and column.
 */
import { Document, LineCounter, isAlias, isCollection, isMap, isPair, isScalar, parseAllDocuments } from 'yaml';
import type { Node, ParsedNode } from 'yaml';
import { BundleError } from './bundle-error.js';

export interface YamlLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest single YAML document accepted, in bytes. */
  maxDocumentBytes: number;
  /** Deepest nesting of maps and lists accepted. */
  maxDepth: number;
  /** Most alias expansions accepted per document (yaml's `maxAliasCount`). */
  maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  maxFileBytes: 4 * 1024 * 1024,
  maxDocumentBytes: 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 100,
});

/** A position in a file, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A key path inside a document: map keys and list indexes. */
export type YamlPath = ReadonlyArray<string | number>;

export interface YamlDocument {
  /** The document as plain data; `null` for an empty document. */
  value: unknown;
  /** Where the document starts. */
  position: SourcePosition;
  /** The position of the key (or list item) at `path`, or of its nearest existing parent. */
  locate(path: YamlPath): SourcePosition;
}

export interface ParseYamlOptions {
  /** File name used in errors. */
  file: string;
  limits?: Partial<YamlLimits>;
}

/** Parses every document of a (multi-document) YAML or JSON text, within the limits. */
export function parseYamlDocuments(text: string, options: ParseYamlOptions): YamlDocument[] {
  const limits = { ...DEFAULT_YAML_LIMITS, ...options.limits };
  const { file } = options;
  if (Buffer.byteLength(text, 'utf8') > limits.maxFileBytes) {
    throw new BundleError({ reason: 'TooLarge', file, message: `file is larger than ${limits.maxFileBytes} bytes` });
  }
  const lineCounter = new LineCounter();
  const docs = parseOrTooDeep(text, file, lineCounter);
  return docs.map((doc) => toYamlDocument(doc, { file, limits, lineCounter }));
}

interface DocumentContext {
  file: string;
  limits: YamlLimits;
  lineCounter: LineCounter;
}

function parseOrTooDeep(text: string, file: string, lineCounter: LineCounter): Document.Parsed[] {
  try {
    // Merge keys (`<<`) are accepted because kubectl's YAML reader accepts them.
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
    return Array.isArray(parsed) ? parsed : [];
  } catch (err) {
    if (err instanceof RangeError) {
      throw new BundleError({ reason: 'TooDeep', file, message: 'YAML is nested too deeply', cause: err });
    }
    throw err;
  }
}

function toYamlDocument(doc: Document.Parsed, ctx: DocumentContext): YamlDocument {
  const { file, limits, lineCounter } = ctx;
  const [start, end] = doc.range;
  const position = toPosition(lineCounter, start);
  const firstError = doc.errors[0];
  // yaml records a stack overflow in its composer as a document error, not a throw: flow
  // collections a few thousand levels deep get there before checkDepth can look.
  if (firstError !== undefined && /call stack/i.test(firstError.message)) {
    throw new BundleError({ reason: 'TooDeep', file, ...toPosition(lineCounter, firstError.pos[0]), message: 'YAML is nested too deeply' });
  }
  if (firstError !== undefined) {
    throw new BundleError({
      reason: 'InvalidYaml',
      file,
      ...toPosition(lineCounter, firstError.pos[0]),
      message: firstError.message,
    });
  }
  if (end - start > limits.maxDocumentBytes) {
    throw new BundleError({
      reason: 'TooLarge',
      file,
      ...position,
      message: `YAML document is larger than ${limits.maxDocumentBytes} bytes`,
    });
  }
  checkDepth(doc.contents, limits.maxDepth, (node) => {
    throw new BundleError({
      reason: 'TooDeep',
      file,
      ...nodePosition(lineCounter, node, position),
      message: `YAML nesting is deeper than ${limits.maxDepth} levels`,
    });
  });
  const value = toPlain(doc, ctx, position);
  return { value, position, locate: (path) => locatePath(doc, path, lineCounter, position) };
}

function toPlain(doc: Document.Parsed, ctx: DocumentContext, position: SourcePosition): unknown {
  try {
    return doc.toJS({ maxAliasCount: ctx.limits.maxAliasCount }) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const reason = /alias/i.test(message) ? 'TooManyAliases' : 'InvalidYaml';
    throw new BundleError({ reason, file: ctx.file, ...position, message, cause: err });
  }
}

/** Iterative, so a deep document cannot overflow the stack here. */
function checkDepth(root: Node | null, maxDepth: number, onTooDeep: (node: Node) => never): void {
  if (root === null) return;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth > maxDepth) onTooDeep(node);
    for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
}

function toPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function nodePosition(lineCounter: LineCounter, node: Node, fallback: SourcePosition): SourcePosition {
  const range = (node as Partial<ParsedNode>).range;
  return range ? toPosition(lineCounter, range[0]) : fallback;
}

function locatePath(doc: Document.Parsed, path: YamlPath, lineCounter: LineCounter, start: SourcePosition): SourcePosition {
  let node: unknown = doc.contents;
  let found = node ? nodePosition(lineCounter, node as Node, start) : start;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === undefined) return found;
    found = nodePosition(lineCounter, next.at, found);
    node = next.value;
  }
  return found;
}

function childOf(node: unknown, segment: string | number): { at: Node; value: unknown } | undefined {
  if (isAlias(node) || isScalar(node) || !isCollection(node)) return undefined;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    return pair && isScalar(pair.key) ? { at: pair.key, value: pair.value } : undefined;
  }
  const item = typeof segment === 'number' ? node.items[segment] : undefined;
  return item !== undefined && item !== null ? { at: item as Node, value: item } : undefined;
}
