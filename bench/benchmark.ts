/**
 * What every benchmark provides to `npm run bench`: a name (its sub-command), its flags
 * with their defaults, and a run that measures, prints its table and writes its results.
 */
import type { Command, OptionValues } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CleanupStack } from './support/cleanup-stack.js';
import type { Progress } from './support/progress.js';

export interface BenchContext {
  repoRoot: string;
  /** Where result files go (bench/results by default). */
  resultsDir: string;
  /** Everything started must register here; it runs on success, failure and Ctrl-C. */
  cleanup: CleanupStack;
  progress: Progress;
  /** Prints to stdout: the result table and where the results were written. */
  print: (text: string) => void;
  now: () => Date;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  /** Adds this benchmark's flags, each with its default, to its sub-command. */
  addOptions(command: Command): Command;
  /** Runs with the flags commander parsed (validated by their parsers). */
  run(flags: OptionValues, context: BenchContext): Promise<void>;
}

/** A commander argument parser for counts and sizes. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return n;
}

/** Like positiveInteger, but 0 is allowed (e.g. no warm-up). */
export function wholeNumber(value: string): number {
  if (value.trim() === '0') return 0;
  return positiveInteger(value);
}
