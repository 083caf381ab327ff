/**
 * The static token file of kube-apiserver's `--token-auth-file`: CSV records
 * `token,user,uid,"group1,group2"` (groups optional). Parse errors name the line, never the
 * token, so a bad file cannot leak a credential into logs.
 */
import type { UserInfo } from './user-info.js';

export interface StaticToken {
  token: string;
  user: UserInfo;
}

export interface TokenFile {
  tokens: StaticToken[];
  /** Empty and duplicate tokens, by line: skipped (empty) or the later one wins (duplicate). */
  warnings: string[];
}

export class TokenFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`token file line ${line}: ${message}`);
    this.name = 'TokenFileError';
  }
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records as Go's encoding/csv reads them: quoted fields, `""` escapes, blank lines skipped. */
function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const lines = text.split(/\r?\n/);
  let index = 0;
  while (index < lines.length) {
    const start = index + 1;
    const { fields, next } = readRecord(lines, index, start);
    index = next;
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ line: start, fields });
  }
  return records;
}

interface Cursor {
  index: number;
  line: string;
  pos: number;
}

/** Reads a quoted field starting at the cursor's opening quote; it may span lines. */
function readQuoted(lines: string[], cursor: Cursor, lineNo: number): string {
  let value = '';
  cursor.pos++;
  for (;;) {
    const quote = cursor.line.indexOf('"', cursor.pos);
    if (quote < 0) {
      value += `${cursor.line.slice(cursor.pos)}\n`;
      cursor.index++;
      if (cursor.index >= lines.length) throw new TokenFileError('extraneous or missing " in quoted field', lineNo);
      cursor.line = lines[cursor.index] ?? '';
      cursor.pos = 0;
      continue;
    }
    value += cursor.line.slice(cursor.pos, quote);
    cursor.pos = quote + 1;
    if (cursor.line[quote + 1] !== '"') return value;
    value += '"';
    cursor.pos = quote + 2;
  }
}

function readBare(cursor: Cursor, lineNo: number): string {
  const comma = cursor.line.indexOf(',', cursor.pos);
  const end = comma < 0 ? cursor.line.length : comma;
  const field = cursor.line.slice(cursor.pos, end);
  if (field.includes('"')) throw new TokenFileError('bare " in non-quoted field', lineNo);
  cursor.pos = end;
  return field;
}

function readRecord(lines: string[], first: number, lineNo: number): { fields: string[]; next: number } {
  const fields: string[] = [];
  const cursor: Cursor = { index: first, line: lines[first] ?? '', pos: 0 };
  for (;;) {
    while (cursor.line[cursor.pos] === ' ' || cursor.line[cursor.pos] === '\t') cursor.pos++; // leading space is trimmed, as kube configures
    const quoted = cursor.line[cursor.pos] === '"';
    fields.push(quoted ? readQuoted(lines, cursor, lineNo) : readBare(cursor, lineNo));
    if (cursor.pos >= cursor.line.length) return { fields, next: cursor.index + 1 };
    if (cursor.line[cursor.pos] !== ',') throw new TokenFileError('extraneous or missing " in quoted field', lineNo);
    cursor.pos++;
  }
}

export function parseTokenFile(text: string): TokenFile {
  const byToken = new Map<string, StaticToken>();
  const warnings: string[] = [];
  for (const { line, fields } of readCsv(text)) {
    if (fields.length < 3) {
      throw new TokenFileError(`must have at least 3 columns (token, user name, user uid), found ${fields.length}`, line);
    }
    const [token = '', username = '', uid = '', groups] = fields;
    if (token === '') {
      warnings.push(`line ${line}: empty token, record skipped`);
      continue;
    }
    if (byToken.has(token)) warnings.push(`line ${line}: duplicate token, this record replaces the earlier one`);
    const user: UserInfo = { username, uid, groups: groups === undefined ? [] : groups.split(',') };
    byToken.set(token, { token, user });
  }
  return { tokens: [...byToken.values()], warnings };
}
