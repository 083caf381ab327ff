/**
 * `npm run bench -- targeting`: target resolution and BundleDeployment writes at scale.
 * Resolution: `--bundles` Bundles (selectors of every form: labels, expressions, names,
 * groups) over 10,000 and 100,000 Clusters as plain data, resolved by `resolveTargets`
 * through the ClusterIndex, beside the same function over a plain list (a nested loop over
 * every bundle and cluster) in the same run; both must agree. It also times a relabel's
 * incremental re-evaluation and measures memory per Cluster. Writes: the controller
 * in-process against a real embedded hub holding `--write-clusters` Clusters as hub
 * objects; it times until every BundleDeployment exists, then a full re-resolution that
 * must write nothing, and measures the controller's caches per Cluster and per
 * BundleDeployment. The parts live in bench/targeting/.
 */
import type { Command, OptionValues } from 'commander';
import { positiveInteger, type BenchContext, type Benchmark } from './benchmark.js';
import { figureRow, type FigureRow } from './report/figures.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo } from './report/run-info.js';
import { markdownTable, textTable } from './report/table.js';
import { makeBundles, measureResolution, measureWrites, type ResolutionFigures, type WriteFigures } from './targeting/index.js';

export { measureResolution, type MeasureResolutionOptions, type ResolutionFigures } from './targeting/index.js';

interface TargetingOptions {
  clusters: number[];
  bundles: number;
  writeClusters: number;
}

const labels = { peer: 'nested loop', ratio: 'ratio (> 1: index faster)' };

export const targetingBenchmark: Benchmark = {
  name: 'targeting',
  description: 'target resolution (index vs nested loop) at 10k and 100k clusters, and BundleDeployment writes against a real hub',
  addOptions(command: Command): Command {
    return command
      .option('--clusters <list>', 'cluster counts for resolution, comma-separated', (v) => v.split(',').map(positiveInteger), [10_000, 100_000])
      .option('--bundles <n>', 'bundles', positiveInteger, 100)
      .option('--write-clusters <n>', 'Clusters on the hub for the write phase (0 skips it)', (v) => (v === '0' ? 0 : positiveInteger(v)), 10_000);
  },
  run: (flags, context) => runTargeting(parseOptions(flags), context),
};

function parseOptions(flags: OptionValues): TargetingOptions {
  return Object.freeze({ clusters: flags['clusters'] as number[], bundles: Number(flags['bundles']), writeClusters: Number(flags['writeClusters']) });
}

function resolutionRows(r: ResolutionFigures): FigureRow[] {
  const at = `${r.clusters.toLocaleString('en-US')} clusters`;
  return [figureRow({ figure: `resolve all bundles, ${at}`, unit: 'ms', better: 'lower', flotilla: r.flotillaMs, peer: r.nestedLoopMs })];
}

function writeLines(writes: WriteFigures): string[] {
  return [
    '',
    `Writes on a real hub with ${writes.clusters.toLocaleString('en-US')} Clusters: ${writes.bundleDeployments.toLocaleString('en-US')} BundleDeployments in ${(writes.writeMs / 1000).toFixed(1)} s ` +
      `(${writes.perSecond.toFixed(0)}/s); Clusters and their namespaces set up in ${(writes.clusterSetupMs / 1000).toFixed(1)} s; ` +
      `a full re-resolution wrote ${writes.resyncWrites} objects`,
    `Controller memory (heap delta after GC / count, caches as the controller holds them): ` +
      `${writes.controllerBytesPerCluster.toFixed(0)} bytes per Cluster (Cluster + cluster namespace + index entry), ` +
      `${writes.controllerBytesPerBundleDeployment.toFixed(0)} bytes per BundleDeployment (target: under 2048 each)`,
  ];
}

function report(resolution: readonly ResolutionFigures[], writes: WriteFigures | undefined): string {
  const lines = ['Resolution (index vs nested loop, same selectors, same run):', textTable(resolution.flatMap(resolutionRows), labels), ''];
  for (const r of resolution)
    lines.push(
      `${r.clusters.toLocaleString('en-US')} clusters: CPU time ${r.flotillaCpuMs.toFixed(0)} ms vs ${r.nestedLoopCpuMs.toFixed(0)} ms (${(r.nestedLoopCpuMs / r.flotillaCpuMs).toFixed(2)}×); ` +
        `${r.pairs.toLocaleString('en-US')} targeted pairs, index built in ${r.indexBuildMs.toFixed(0)} ms, ` +
        `${r.bytesPerCluster.toFixed(0)} bytes per cluster (data + index), a relabel re-evaluates ${r.bundlesPerRelabel} of the bundles in ${r.relabelMs.toFixed(2)} ms`,
    );
  if (writes) lines.push(...writeLines(writes));
  return `${lines.join('\n')}\n`;
}

async function runTargeting(options: TargetingOptions, context: BenchContext): Promise<void> {
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const resolution = options.clusters.map((clusters) => {
    context.progress.say(`resolution at ${clusters.toLocaleString('en-US')} clusters`);
    return measureResolution({ clusters, bundles: options.bundles });
  });
  const writes = options.writeClusters > 0 ? await measureWrites(options.writeClusters, makeBundles(options.bundles), context) : undefined;
  const text = report(resolution, writes);
  context.print(text);
  const markdown = `# targeting\n\n${markdownTable(resolution.flatMap(resolutionRows), labels)}\n\n\`\`\`\n${text}\`\`\`\n`;
  const written = await writeResults({ dir: context.resultsDir, baseName: resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: 'targeting' }), json: { run, options, resolution, writes }, markdown });
  context.print(`results: ${written.json}\n`);
}
