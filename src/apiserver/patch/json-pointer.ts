/** RFC 6901 JSON Pointers: `/a/b~1c` names key `b/c` of key `a`; `~0` stands for `~`. */
import { malformed } from './patch-error.js';

export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw malformed(`JSON pointer must be empty or start with a "/": ${JSON.stringify(pointer)}`);
  // ~1 is decoded before ~0 so that `~01` reads as the two characters `~1`, as RFC 6901 requires.
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatJsonPointer(parts: readonly string[]): string {
  return parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
