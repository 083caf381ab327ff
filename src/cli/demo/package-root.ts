/**
 * Where Flotilla's package is installed: the directory of the package.json named `flotilla`
 * above this file (from src/ as from dist/src/), so `flotilla demo` finds `examples/` both
 * in a clone and in an installed package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'flotilla') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
