/**
 * The `-o` flag: how a command prints objects. `table` is the default human view, `wide`
 * adds the columns a kind marks as secondary, `name` prints `kind.group/name` for scripts,
 * and `json`/`yaml` print the objects themselves.
 */

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'name'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export class OutputFormatError extends Error {
  override readonly name = 'OutputFormatError';
}

export function parseOutputFormat(text: string | undefined): OutputFormat {
  const value = text ?? 'table';
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new OutputFormatError(`-o ${value}: unknown output format; use one of ${OUTPUT_FORMATS.join(', ')}`);
}
