/**
 * Reads kube-apiserver's `--token-auth-file` once at start. Problems are reported by file
 * and line (the parser never quotes a token), and skipped or duplicate records are logged.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { parseTokenFile, type StaticToken } from '../auth/token-file.js';

export async function readTokenAuthFile(path: string, logger?: Logger): Promise<StaticToken[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`--token-auth-file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: err });
  }
  try {
    const parsed = parseTokenFile(text);
    for (const warning of parsed.warnings) logger?.warn({ file: path }, `token file: ${warning}`);
    return parsed.tokens;
  } catch (err) {
    throw new Error(`--token-auth-file ${path}: ${(err as Error).message}`);
  }
}
