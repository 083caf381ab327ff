/**
 * `npm run bench [-- <benchmark> [flags]]`: runs one benchmark by name, or every registered
 * one with its defaults when no name is given. Progress goes to stderr, tables to stdout.
 * Whatever happens (success, failure, Ctrl-C) the peers started are stopped and their
 * temporary directories removed before the process exits.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { BenchContext, Benchmark } from './benchmark.js';
import { benchmarks } from './index.js';
import { CleanupStack } from './support/cleanup-stack.js';
import { Progress } from './support/progress.js';

interface GlobalFlags {
  resultsDir?: string;
  quiet?: boolean;
}

async function runBench(argv: readonly string[]): Promise<number> {
  const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const cleanup = new CleanupStack();
  // `npm run bench | head` closes stdout early; the run must still clean up, not crash.
  let stdoutOpen = true;
  process.stdout.on('error', () => {
    stdoutOpen = false;
  });
  const program = new Command('bench')
    .description('benchmarks that measure Flotilla beside its peers in the same run (ratios > 1: Flotilla better)')
    .option('--results-dir <dir>', 'where result files are written', join(repoRoot, 'bench', 'results'))
    .option('--quiet', 'no progress on stderr')
    .exitOverride();
  const context = (): BenchContext => {
    const flags = program.opts<GlobalFlags>();
    return {
      repoRoot,
      resultsDir: resolve(flags.resultsDir ?? join(repoRoot, 'bench', 'results')),
      cleanup,
      progress: Progress.forStderr({ quiet: flags.quiet }),
      print: (text) => {
        if (stdoutOpen) process.stdout.write(text);
      },
      now: () => new Date(),
    };
  };
  for (const benchmark of benchmarks) {
    benchmark
      .addOptions(program.command(benchmark.name).description(benchmark.description))
      .action((flags: Record<string, unknown>) => benchmark.run(flags, context()));
  }
  program.argument('[benchmark]', `one of: ${benchmarks.map((b) => b.name).join(', ')} (default: all)`).action((name: string | undefined) => {
    if (name !== undefined) program.error(`unknown benchmark "${name}" (known: ${benchmarks.map((b) => b.name).join(', ')})`);
    return runAll(benchmarks, context());
  });

  let interrupted = false;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the peers and removing their temporary directories\n`);
    void cleanup.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    // Stopping the peers under a running benchmark fails its requests; that is not news.
    if (interrupted) return 130;
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  } finally {
    const failures = await cleanup.runAll();
    for (const failure of failures) process.stderr.write(`cleanup: ${failure}\n`);
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
}

async function runAll(all: readonly Benchmark[], context: BenchContext): Promise<void> {
  for (const benchmark of all) {
    context.progress.say(`== ${benchmark.name}: ${benchmark.description}`);
    const defaults = benchmark.addOptions(new Command(benchmark.name)).opts();
    await benchmark.run(defaults, context);
  }
}

/** The folder holding package.json: dist/bench/ when compiled, bench/ when run from source. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

runBench(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
