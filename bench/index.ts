/**
 * Benchmarks: each starts the peers it compares as real processes on 127.0.0.1, measures
 * them in the same run with the same client code, prints ratios (> 1 means Flotilla did
 * better) and writes bench/results/<date>-<commit>-<benchmark>.{json,md}. Timings live
 * here, never in a test's assertions. `npm run bench -- <name>` runs one; no name runs all.
 */
import { apiserverBenchmark } from './apiserver.js';
import { authorizeBenchmark } from './authorize.js';
import type { Benchmark } from './benchmark.js';
import { targetingBenchmark } from './targeting.js';
import { gitBenchmark } from './git.js';
import { scaleBenchmark } from './scale.js';

export { positiveInteger, wholeNumber, type BenchContext, type Benchmark } from './benchmark.js';
export { apiserverBenchmark } from './apiserver.js';
export { authorizeBenchmark } from './authorize.js';
export { targetingBenchmark } from './targeting.js';
export { scaleBenchmark, type ScaleOptions } from './scale.js';
export { gitBenchmark, gitBenchFigures, gitBenchMarkdown, gitBenchResult, type GitBenchParameters, type GitBenchResult } from './git.js';

/** Every registered benchmark, in the order a run without a name runs them. */
export const benchmarks: readonly Benchmark[] = [apiserverBenchmark, authorizeBenchmark, gitBenchmark, targetingBenchmark, scaleBenchmark];
