import { describe, expect, it } from 'vitest';
import type { PeerMeasurement, PeerNotMeasured } from '../measure/measure-peers.js';
import { apiserverMarkdown, apiserverResult } from './apiserver-result.js';
import type { RunInfo } from './run-info.js';

const run: RunInfo = {
  startedAt: '2026-11-22T19:00:00.000Z',
  commit: 'abc1234',
  dirty: false,
  cores: 2,
  cpuModel: 'Test CPU',
  totalMemoryMiB: 4096,
  loadAverageAtStart: 0.5,
  node: 'v20.0.0',
  platform: 'linux-x64',
};
const parameters = { objects: 5000, concurrency: 16, sizeBytes: 1024, watchWrites: 300, warmup: 100, rounds: 3 };
const summary = (p50: number, p99: number) => ({ count: 300, p50, p99, max: p99, mean: p50 });

function peer(overrides: Partial<PeerMeasurement>): PeerMeasurement {
  return {
    measured: true,
    version: '1',
    createsPerSecond: 1000,
    createWallMs: 5000,
    createLatencyMs: summary(10, 40),
    watchEventMs: summary(2, 8),
    sequentialAckMs: summary(1.5, 6),
    cpuSecondsPer1000Writes: 1,
    residentMiB: 100,
    ...overrides,
  };
}

const cases: Array<{ name: string; flotilla: PeerMeasurement; etcd: PeerMeasurement | PeerNotMeasured; ratios: Record<string, number | null> }> = [
  {
    name: 'Flotilla at half etcd\'s throughput and twice its watch latency has ratios of 0.5',
    flotilla: peer({ createsPerSecond: 500, watchEventMs: summary(4, 16) }),
    etcd: peer({}),
    ratios: { hubWritesVsEtcd: 0.5, watchLatencyP50VsEtcd: 0.5, watchLatencyP99VsEtcd: 0.5 },
  },
  {
    name: 'Flotilla faster than etcd everywhere has ratios above 1',
    flotilla: peer({ createsPerSecond: 3000, watchEventMs: summary(1, 2) }),
    etcd: peer({}),
    ratios: { hubWritesVsEtcd: 3, watchLatencyP50VsEtcd: 2, watchLatencyP99VsEtcd: 4 },
  },
  {
    name: 'without etcd every ratio is null, never estimated',
    flotilla: peer({}),
    etcd: { measured: false, reason: 'etcd is not installed' },
    ratios: { hubWritesVsEtcd: null, watchLatencyP50VsEtcd: null, watchLatencyP99VsEtcd: null },
  },
];

describe('apiserverResult', () => {
  it.each(cases)('$name', ({ flotilla, etcd, ratios }) => {
    const result = apiserverResult({ run, parameters, method: {}, flotilla, etcd });
    expect(result.ratios).toEqual(ratios);
    expect(result.figures.map((f) => f.figure)).toContain('durable creates');
    if (!etcd.measured) expect(result.figures.every((f) => f.ratio === null && f.peer === null)).toBe(true);
  });

  it('a figure only Linux can read is not measured elsewhere, without hiding the others', () => {
    const result = apiserverResult({ run, parameters, method: {}, flotilla: peer({ residentMiB: undefined }), etcd: peer({}) });
    const memory = result.figures.find((f) => f.figure === 'server resident memory at end');
    expect(memory).toMatchObject({ flotilla: null, ratio: null });
    expect(result.ratios.hubWritesVsEtcd).toBe(1);
  });
});

describe('apiserverMarkdown', () => {
  it('names the commit, the machine, the parameters, why etcd is missing, and how each peer was reached', () => {
    const result = apiserverResult({
      run: { ...run, dirty: true },
      parameters,
      method: { Flotilla: 'HTTPS to the CLI' },
      flotilla: peer({}),
      etcd: { measured: false, reason: 'etcd is not installed' },
    });
    const markdown = apiserverMarkdown(result);
    expect(markdown).toContain('2026-11-22 at abc1234 (uncommitted changes)');
    expect(markdown).toContain('2 cores (Test CPU), 4096 MiB, load average 0.5 at the start');
    expect(markdown).toContain('5000 creates of 1024-byte payloads with 16 concurrent clients');
    expect(markdown).toContain('in 3 rounds where the peers take turns');
    expect(markdown).toContain('etcd not measured: etcd is not installed');
    expect(markdown).toContain('| durable creates (per s) | 1,000 | not measured | not measured |');
    expect(markdown).toContain('- Flotilla: HTTPS to the CLI');
  });
});
