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

function readRecord(lines: string[], first: number, lineNo: number): { fields: string[]; next: number } {
  const fields: string[] = [];
  let index = first;
  let line = lines[index] ?? '';
  let pos = 0;
  for (;;) {
    while (line[pos] === ' ' || line[pos] === '\t') pos++; // leading space is trimmed, as kube configures
    if (line[pos] !== '"') {
      const comma = line.indexOf(',', pos);
      const end = comma < 0 ? line.length : comma;
      const field = line.slice(pos, end);
      if (field.includes('"')) throw new TokenFileError('bare " in non-quoted field', lineNo);
      fields.push(field);
      if (comma < 0) return { fields, next: index + 1 };
      pos = comma + 1;
      continue;
    }
    let value = '';
    pos++;
    for (;;) {
      const quote = line.indexOf('"', pos);
      if (quote < 0) {
        // A quoted field may span lines.
        value += `${line.slice(pos)}\n`;
        index++;
        if (index >= lines.length) throw new TokenFileError('extraneous or missing " in quoted field', lineNo);
        line = lines[index] ?? '';
        pos = 0;
        continue;
      }
      value += line.slice(pos, quote);
      if (line[quote + 1] === '"') {
        value += '"';
        pos = quote + 2;
        continue;
      }
      pos = quote + 1;
      break;
    }
    fields.push(value);
    if (pos >= line.length) return { fields, next: index + 1 };
    if (line[pos] !== ',') throw new TokenFileError('extraneous or missing " in quoted field', lineNo);
    pos++;
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
