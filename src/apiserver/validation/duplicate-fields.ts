/**
 * Duplicate fields in a request body, as Kubernetes' strict decoder reports them. A JSON
 * object naming a key twice is legal JSON (the last value wins), so the body parses; the
 * API server still tells the client, because the dropped value was most likely a mistake.
 *
 * JSON: one `duplicate field "<path>"` per repeated key, the path written as the decoder
 * writes it (`spec.containers[0].name`). YAML: Kubernetes converts YAML to JSON strictly and
 * reports the converter's one error listing every repeated key by line. Pure: text in,
 * messages out; the REST layer decides whether they warn or fail (fieldValidation).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** Paths of repeated keys in a JSON text that is already known to be valid JSON. */
export function duplicateFields(jsonText: string): string[] {
  const scanner = new JsonScanner(jsonText);
  scanner.value('');
  return scanner.duplicates;
}

/** Walks JSON text without building values, tracking the path of each object key. */
class JsonScanner {
  readonly duplicates: string[] = [];
  private at = 0;

  constructor(private readonly text: string) {}

  value(path: string): void {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else this.literal();
  }

  private object(path: string): void {
    const seen = new Set<string>();
    this.at++; // {
    this.skipSpace();
    while (this.text[this.at] !== '}' && this.at < this.text.length) {
      const key = this.string();
      const child = path ? `${path}.${key}` : key;
      if (seen.has(key)) this.duplicates.push(child);
      seen.add(key);
      this.skipSpace();
      this.at++; // :
      this.value(child);
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      this.skipSpace();
    }
    this.at++; // }
  }

  private array(path: string): void {
    this.at++; // [
    this.skipSpace();
    for (let i = 0; this.text[this.at] !== ']' && this.at < this.text.length; i++) {
      this.value(`${path}[${i}]`);
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      this.skipSpace();
    }
    this.at++; // ]
  }

  /** Reads a string literal and returns its decoded value, so `"a"` and `"\u0061"` are one key. */
  private string(): string {
    this.skipSpace();
    const start = this.at;
    this.at++; // opening quote
    while (this.at < this.text.length && this.text[this.at] !== '"') this.at += this.text[this.at] === '\\' ? 2 : 1;
    this.at++; // closing quote
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  private literal(): void {
    while (this.at < this.text.length && !',]} \t\r\n'.includes(this.text[this.at]!)) this.at++;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at]!)) this.at++;
  }
}

export interface DuplicateYamlKey {
  /** The repeated key's path, written as for JSON. */
  path: string;
  key: string;
  /** 1-based line of the repeated key. */
  line: number;
}

/** Repeated keys in the mappings of every document of a YAML text. */
export function duplicateYamlKeys(yamlText: string): DuplicateYamlKey[] {
  const lines = new LineCounter();
  const found: DuplicateYamlKey[] = [];
  for (const doc of parseAllDocuments(yamlText, { uniqueKeys: false, lineCounter: lines })) {
    if ('contents' in doc && doc.contents) walkYaml(doc.contents, '', { lines, found });
  }
  return found;
}

interface YamlWalk {
  lines: LineCounter;
  found: DuplicateYamlKey[];
}

function walkYaml(node: Node, path: string, walk: YamlWalk): void {
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (item && typeof item === 'object') walkYaml(item as Node, `${path}[${i}]`, walk);
    });
    return;
  }
  if (!isMap(node)) return;
  const seen = new Set<string>();
  for (const pair of node.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const child = path ? `${path}.${key}` : key;
    if (seen.has(key)) {
      const offset = isScalar(keyNode) ? (keyNode.range?.[0] ?? 0) : 0;
      walk.found.push({ path: child, key, line: walk.lines.linePos(offset).line });
    }
    seen.add(key);
    if (pair.value && typeof pair.value === 'object') walkYaml(pair.value as Node, child, walk);
  }
}

/**
 * The strict decoding errors Kubernetes reports for repeated keys in a body of the given
 * media type: one per JSON key, or the YAML converter's single error naming every line.
 */
export function duplicateFieldErrors(text: string, mediaType: string): string[] {
  if (mediaType.includes('yaml')) {
    const keys = duplicateYamlKeys(text);
    if (keys.length === 0) return [];
    const lines = keys.map((k) => `\n  line ${k.line}: key ${JSON.stringify(k.key)} already set in map`).join('');
    return [`error converting YAML to JSON: yaml: unmarshal errors:${lines}`];
  }
  if (mediaType.includes('json')) return duplicateFields(text).map((path) => `duplicate field ${JSON.stringify(path)}`);
  return [];
}
