import { describe, expect, it } from 'vitest';
import type { Summary } from '../measure/summary.js';
import { liveHeapGrowth, peaksText, scaleMarkdown, scaleResult, type ScaleMeasurements, type ScaleParameters } from './scale-result.js';

const summary = (p99: number): Summary => ({ count: 10, p50: p99 / 2, p99, max: p99, mean: p99 / 2 });
const cpu = { hub: 1, controller: 1, member: 1, agents: 1, total: 4 };

function measurements(overrides: { pushP99?: number; changeP99?: number; restPerMinute?: number; controllerBytes?: number; etcd?: number | null } = {}): ScaleMeasurements {
  return {
    registrationMs: 1000,
    push: { readyMs: summary(overrides.pushP99 ?? 5_000), cpuSeconds: cpu, hubRequests: 10, hubRequestsByResource: {} },
    change: { readyMs: summary(overrides.changeP99 ?? 1_000), cpuSeconds: cpu, hubRequests: 10, hubRequestsByResource: {} },
    relabel: { readyMs: summary(2_000), cpuSeconds: cpu, hubRequests: 10, hubRequestsByResource: {}, movedClusters: 100 },
    atRest: { seconds: 60, requestsPerClusterPerMinute: overrides.restPerMinute ?? 4, requestBytesPerClusterPerMinute: 400, responseBytesPerClusterPerMinute: 4000, byVerb: { patch: 4000 }, byResource: { 'patch clusters/status': 4000 } },
    memory: { hubBytes: 1, controllerBytes: 1, memberBytes: 1, agentHostBytes: 1, hubBytesPerCluster: 1, controllerBytesPerCluster: overrides.controllerBytes ?? 10_000 },
    peers: {
      hubWrites: { objects: 1000, flotillaPerSecond: 600, etcdPerSecond: overrides.etcd === null ? null : 1000, ratio: overrides.etcd === undefined ? 0.6 : overrides.etcd },
      agentApply: { objects: 500, rounds: 3, flotillaMs: summary(100), kubectlMs: summary(400), ratio: 4 },
      poll: { polls: 20, flotillaP50Ms: 50, lsRemoteP50Ms: 90, ratio: 1.8 },
      resolution: { clusters: 10_000, bundles: 100, flotillaMs: 100, nestedLoopMs: 1000, ratio: 10 },
    },
  };
}

const size = (clusters: number, bundles: number): ScaleParameters => ({ clusters, bundles, agentsPerHost: 250, agentHosts: Math.ceil(clusters / 250), restSeconds: 60, relabelFraction: 0.1 });
const verdictOf = (result: ReturnType<typeof scaleResult>, start: string) => result.targets.find((t) => t.target.startsWith(start))?.verdict;

describe('scaleResult targets', () => {
  const cases = [
    { name: 'at 50 × 50 a push p99 of 9 s meets the 10 s target', parameters: size(50, 50), m: measurements({ pushP99: 9_000 }), target: '50 clusters × 50 bundles', verdict: 'met' },
    { name: 'at 50 × 50 a push p99 of 12 s does not', parameters: size(50, 50), m: measurements({ pushP99: 12_000 }), target: '50 clusters × 50 bundles', verdict: 'not met' },
    { name: 'the 1,000 × 100 targets are not judged on a smaller run', parameters: size(50, 50), m: measurements(), target: '1,000 × 100: push', verdict: 'not at this size' },
    { name: 'at 1,000 × 100 a one-line change p99 of 3 s misses the 2 s target', parameters: size(1000, 100), m: measurements({ changeP99: 3_000 }), target: '1,000 × 100: one-line', verdict: 'not met' },
    { name: 'at 1,000 × 100, 4 requests per cluster per minute is under 0.1 per second', parameters: size(1000, 100), m: measurements({ restPerMinute: 4 }), target: '1,000 × 100: at rest', verdict: 'met' },
    { name: 'at 1,000 × 100, 60 KiB of controller memory per cluster misses 50 KiB', parameters: size(1000, 100), m: measurements({ controllerBytes: 60 * 1024 }), target: '1,000 × 100: controller memory', verdict: 'not met' },
    { name: 'without etcd the hub-writes target is not judged', parameters: size(5, 3), m: measurements({ etcd: null }), target: 'hub durable creates', verdict: 'not at this size' },
    { name: 'a resolution ratio measured at 10,000 clusters does not claim the 100,000 target', parameters: size(5, 3), m: measurements(), target: 'resolution of 100,000', verdict: 'not at this size' },
  ];
  it.each(cases)('$name', ({ parameters, m, target, verdict }) => {
    expect(verdictOf(scaleResult({ run: runInfo, parameters, measurements: m }), target)).toBe(verdict);
  });

  it('carries issue 11\'s keys and lists every target in the markdown', () => {
    const result = scaleResult({ run: runInfo, parameters: size(50, 50), measurements: measurements() });
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['clusters', 'bundles', 'pushToReadyMs', 'changeToReadyMs', 'controllerBytesPerCluster', 'hubBytesPerCluster', 'hubRequestsPerClusterPerMinuteAtRest', 'ratios']));
    expect(Object.keys(result.ratios).sort()).toEqual(['agentApplyVsKubectl', 'hubWritesVsEtcd', 'pollVsLsRemote', 'resolutionVsNestedLoop']);
    const markdown = scaleMarkdown(result);
    for (const t of result.targets) expect(markdown).toContain(`| ${t.target} |`);
  });
});

describe('controller memory', () => {
  const cases = [
    {
      name: 'live heap growth is shared out per cluster and per BundleDeployment',
      input: { beforeBytes: 40 * 2 ** 20, afterBytes: 50 * 2 ** 20, clusters: 50, bundles: 50 },
      want: { perClusterBytes: (10 * 2 ** 20) / 50, perDeploymentBytes: (10 * 2 ** 20) / 2500 },
    },
    {
      name: 'a live heap that shrank counts as no growth',
      input: { beforeBytes: 50 * 2 ** 20, afterBytes: 40 * 2 ** 20, clusters: 10, bundles: 10 },
      want: { perClusterBytes: 0, perDeploymentBytes: 0 },
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    expect(liveHeapGrowth(input)).toMatchObject(want);
  });

  it('the memory target stays judged on resident growth, with the live heap shown beside it and in its own row', () => {
    const m = measurements({ controllerBytes: 60 * 1024 });
    m.memory.controllerLiveHeap = liveHeapGrowth({ beforeBytes: 0, afterBytes: 1000 * 20 * 1024, clusters: 1000, bundles: 100 });
    const result = scaleResult({ run: runInfo, parameters: size(1000, 100), measurements: m });
    const target = result.targets.find((t) => t.target.startsWith('1,000 × 100: controller memory'));
    expect(target).toMatchObject({ verdict: 'not met', figure: '60 KiB resident (live heap 20 KiB)' });
    expect(scaleMarkdown(result)).toContain('| controller live heap per cluster (heap snapshot after GC, growth / clusters) | 20 KiB, 205 B per BundleDeployment');
  });

  it('the live heap after the rest period gets its own row beside the one taken right after the rollout', () => {
    const m = measurements({ controllerBytes: 60 * 1024 });
    m.memory.controllerLiveHeap = liveHeapGrowth({ beforeBytes: 0, afterBytes: 1000 * 20 * 1024, clusters: 1000, bundles: 100 });
    m.memory.controllerLiveHeapAtRest = liveHeapGrowth({ beforeBytes: 0, afterBytes: 1000 * 8 * 1024, clusters: 1000, bundles: 100 });
    const markdown = scaleMarkdown(scaleResult({ run: runInfo, parameters: size(1000, 100), measurements: m }));
    expect(markdown).toContain('| controller live heap per cluster after the rest period (held, not in flight) | 8 KiB, 81.9 B per BundleDeployment');
    expect(markdown).toContain('| controller live heap per cluster (heap snapshot after GC, growth / clusters) | 20 KiB');
  });

  it('without a live heap measurement the figure is the resident growth alone and no row is added', () => {
    const result = scaleResult({ run: runInfo, parameters: size(50, 50), measurements: measurements({ controllerBytes: 2048 }) });
    expect(result.targets.find((t) => t.target.startsWith('1,000 × 100: controller memory'))?.figure).toBe('2 KiB');
    expect(scaleMarkdown(result)).not.toContain('live heap');
  });
});

const runInfo = { startedAt: '2026-11-22T00:00:00.000Z', commit: 'abc1234', dirty: false, cores: 2, cpuModel: 'test', totalMemoryMiB: 1024, loadAverageAtStart: 0, node: 'v20', platform: 'linux-x64' };

describe('peaksText', () => {
  const MIB = 2 ** 20;
  const cases = [
    {
      name: 'the hub and controller are shown each, member servers and agent hosts by their largest with RSS per agent',
      peaks: [
        { role: 'hub', residentBytes: 900 * MIB, descriptors: 2300 },
        { role: 'controller', residentBytes: 300 * MIB, descriptors: 50 },
        { role: 'member 1', residentBytes: 200 * MIB, descriptors: 1100 },
        { role: 'member 2', residentBytes: 250 * MIB, descriptors: 1000 },
        { role: 'agent host 1', residentBytes: 500 * MIB, descriptors: 1200, agents: 250 },
      ],
      text: 'hub 900 MiB / 2,300 fds; controller 300 MiB / 50 fds; 2 member API servers, largest 250 MiB / 1,100 fds; 1 agent hosts, largest 500 MiB, 2 MiB per agent / 1,200 fds',
    },
    { name: 'a run whose agents never started shows no agent hosts', peaks: [{ role: 'hub', residentBytes: MIB, descriptors: 40 }], text: 'hub 1 MiB / 40 fds' },
  ];
  it.each(cases)('$name', ({ peaks, text }) => {
    expect(peaksText(peaks)).toBe(text);
  });
});
