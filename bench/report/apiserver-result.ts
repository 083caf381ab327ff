/**
 * The API-server benchmark's result: its figures for Flotilla and etcd, their ratios, and
 * where they were measured, as JSON (for later comparison) and as markdown (for people).
 * Pure: it shapes measurements, it measures nothing.
 */
import type { PeerMeasurement, PeerNotMeasured } from '../measure/measure-peers.js';
import { figureRow, type FigureRow } from './figures.js';
import type { RunInfo } from './run-info.js';
import { markdownTable, type TableLabels } from './table.js';

export interface ApiserverParameters {
  objects: number;
  concurrency: number;
  sizeBytes: number;
  watchWrites: number;
  warmup: number;
  rounds: number;
}

export interface ApiserverResult {
  benchmark: 'apiserver';
  run: RunInfo;
  parameters: ApiserverParameters;
  /** How the clients reached each peer, so a reader knows what the figures include. */
  method: Record<string, string>;
  flotilla: PeerMeasurement;
  etcd: PeerMeasurement | PeerNotMeasured;
  /** Each > 1 when Flotilla is better; null when etcd was not measured. */
  ratios: { hubWritesVsEtcd: number | null; watchLatencyP50VsEtcd: number | null; watchLatencyP99VsEtcd: number | null };
  figures: FigureRow[];
}

export const apiserverTableLabels: TableLabels = { peer: 'etcd', ratio: 'ratio (> 1: Flotilla better)' };

export function apiserverFigures(flotilla: PeerMeasurement, etcd: PeerMeasurement | PeerNotMeasured): FigureRow[] {
  const peer = etcd.measured ? etcd : undefined;
  const row = (figure: string, unit: string, better: 'higher' | 'lower', pick: (m: PeerMeasurement) => number | undefined) =>
    figureRow({ figure, unit, better, flotilla: pick(flotilla), peer: peer && pick(peer) });
  return [
    row('durable creates', 'per s', 'higher', (m) => m.createsPerSecond),
    row('create latency under load p50', 'ms', 'lower', (m) => m.createLatencyMs.p50),
    row('create latency under load p99', 'ms', 'lower', (m) => m.createLatencyMs.p99),
    row('watch event latency p50', 'ms', 'lower', (m) => m.watchEventMs.p50),
    row('watch event latency p99', 'ms', 'lower', (m) => m.watchEventMs.p99),
    row('single write acknowledged p50', 'ms', 'lower', (m) => m.sequentialAckMs.p50),
    row('server CPU per 1,000 creates', 's', 'lower', (m) => m.cpuSecondsPer1000Writes),
    row('server resident memory at end', 'MiB', 'lower', (m) => m.residentMiB),
  ];
}

export function apiserverResult(input: {
  run: RunInfo;
  parameters: ApiserverParameters;
  method: Record<string, string>;
  flotilla: PeerMeasurement;
  etcd: PeerMeasurement | PeerNotMeasured;
}): ApiserverResult {
  const figures = apiserverFigures(input.flotilla, input.etcd);
  const ratioOf = (figure: string) => figures.find((f) => f.figure === figure)?.ratio ?? null;
  return {
    benchmark: 'apiserver',
    ...input,
    ratios: {
      hubWritesVsEtcd: ratioOf('durable creates'),
      watchLatencyP50VsEtcd: ratioOf('watch event latency p50'),
      watchLatencyP99VsEtcd: ratioOf('watch event latency p99'),
    },
    figures,
  };
}

export function apiserverMarkdown(result: ApiserverResult): string {
  const { run, parameters: p } = result;
  const etcdLine = result.etcd.measured ? `etcd ${result.etcd.version}` : `etcd not measured: ${result.etcd.reason}`;
  return [
    `# API server benchmark, ${run.startedAt.slice(0, 10)} at ${run.commit}${run.dirty ? ' (uncommitted changes)' : ''}`,
    '',
    `${run.cores} cores (${run.cpuModel}), ${run.totalMemoryMiB} MiB, load average ${run.loadAverageAtStart} at the start, Node ${run.node}, ${run.platform}. Flotilla ${result.flotilla.version}; ${etcdLine}.`,
    '',
    `${p.objects} creates of ${p.sizeBytes}-byte payloads with ${p.concurrency} concurrent clients (after ${p.warmup} warm-up writes), and ${p.watchWrites} sequential writes timed from send to a watcher receiving the event, on each peer, in ${p.rounds} rounds where the peers take turns. A ratio above 1 means Flotilla did better: Flotilla/etcd for throughput, etcd/Flotilla for latency, CPU and memory.`,
    '',
    markdownTable(result.figures, apiserverTableLabels),
    '',
    ...Object.entries(result.method).map(([peer, how]) => `- ${peer}: ${how}`),
  ].join('\n');
}
