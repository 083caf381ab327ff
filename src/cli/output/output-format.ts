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

/** The `-o` value, checked against the formats a command supports (default: all of them). */
export function parseOutputFormat(text: string | undefined, allowed: readonly OutputFormat[] = OUTPUT_FORMATS): OutputFormat {
  const value = text ?? 'table';
  if ((allowed as readonly string[]).includes(value)) return value as OutputFormat;
  throw new OutputFormatError(`-o ${value}: unknown output format; use one of ${allowed.join(', ')}`);
}
