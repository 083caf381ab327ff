/**
 * Where results go: `<dir>/<YYYY-MM-DD>-<short commit>-<benchmark>.json` and `.md`, so runs
 * sort by date and name the code they measured. A second run on the same day and commit
 * replaces the first.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function resultBaseName(options: { startedAt: string; commit: string; benchmark: string }): string {
  return `${options.startedAt.slice(0, 10)}-${options.commit}-${options.benchmark}`;
}

export interface WrittenResults {
  json: string;
  markdown: string;
}

export async function writeResults(options: { dir: string; baseName: string; json: unknown; markdown: string }): Promise<WrittenResults> {
  await mkdir(options.dir, { recursive: true });
  const paths = { json: join(options.dir, `${options.baseName}.json`), markdown: join(options.dir, `${options.baseName}.md`) };
  await writeFile(paths.json, `${JSON.stringify(options.json, null, 2)}\n`);
  await writeFile(paths.markdown, options.markdown.endsWith('\n') ? options.markdown : `${options.markdown}\n`);
  return paths;
}
