import { describe, expect, it } from 'vitest';
import { describePlan, descriptorCosts, evenSplit, planScaleRun } from './scale-plan.js';

const beatEvery15s = descriptorCosts({ heartbeatMs: 15_000 });
const beatEvery45s = descriptorCosts({ heartbeatMs: 45_000 });

describe('planScaleRun', () => {
  const cases = [
    { name: 'a thousand clusters fit one member API server and four hosts of 250', clusters: 1000, agentsPerHost: 250, hardLimit: 20_000, costs: beatEvery15s, members: [1000], hosts: [250, 250, 250, 250] },
    { name: 'hosts are split further when their agents would pass the per-process budget', clusters: 5000, agentsPerHost: 10_000, hardLimit: 20_000, costs: beatEvery15s, members: [2500, 2500], hosts: [1250, 1250, 1250, 1250] },
    { name: 'ten thousand members are served by four member API servers when one would pass its budget', clusters: 10_000, agentsPerHost: 1000, hardLimit: 20_000, costs: beatEvery45s, members: [2500, 2500, 2500, 2500], hosts: Array.from({ length: 10 }, () => 1000) },
    { name: 'an unknown limit splits nothing for descriptors', clusters: 10_000, agentsPerHost: 2500, hardLimit: undefined, costs: beatEvery15s, members: [10_000], hosts: [2500, 2500, 2500, 2500] },
  ];
  it.each(cases)('$name', ({ clusters, agentsPerHost, hardLimit, costs, members, hosts }) => {
    const outcome = planScaleRun({ clusters, agentsPerHost, hardLimit, budgetShare: 0.75, costs });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.memberServers.map((p) => p.agents)).toEqual(members);
    expect(outcome.plan.agentHosts.map((p) => p.agents)).toEqual(hosts);
    const budget = hardLimit === undefined ? Infinity : hardLimit * 0.75;
    for (const p of [...outcome.plan.memberServers, ...outcome.plan.agentHosts]) expect(p.descriptors).toBeLessThanOrEqual(budget);
  });

  const refusals = [
    { name: 'ten thousand agents that keep a heartbeat connection each are refused, naming the hard limit', clusters: 10_000, costs: beatEvery15s, refused: true },
    { name: 'ten thousand agents that hold only their watch on the hub are planned', clusters: 10_000, costs: beatEvery45s, refused: false },
    { name: 'twenty thousand agents are refused even with only their watches', clusters: 20_000, costs: beatEvery45s, refused: true },
  ];
  it.each(refusals)('$name', ({ clusters, costs, refused }) => {
    const outcome = planScaleRun({ clusters, agentsPerHost: 1000, hardLimit: 20_000, budgetShare: 0.75, costs });
    expect(!outcome.ok).toBe(refused);
    if (!outcome.ok) expect(outcome.reason).toMatch(/hard limit of 20000 per process/);
  });
});

describe('evenSplit', () => {
  const cases = [
    { name: 'an even total splits into equal parts', total: 10, parts: 2, split: [5, 5] },
    { name: 'the remainder goes to the first parts', total: 11, parts: 3, split: [4, 4, 3] },
  ];
  it.each(cases)('$name', ({ total, parts, split }) => {
    expect(evenSplit(total, parts)).toEqual(split);
  });
});

describe('describePlan', () => {
  it('names the limit, the hub and each kind of process with its expected descriptors', () => {
    const outcome = planScaleRun({ clusters: 1000, agentsPerHost: 250, hardLimit: 20_000, budgetShare: 0.75, costs: beatEvery15s });
    if (!outcome.ok) throw new Error(outcome.reason);
    const text = describePlan(outcome.plan);
    expect(text).toContain('open-file hard limit 20000 per process, planned budget 15000');
    expect(text).toContain('hub API server: 1000 agents\' connections, ~2300 descriptors');
    expect(text).toContain('agent hosts: 4 processes (250–250 clusters each, up to ~2800 descriptors)');
    expect(text).not.toContain('warning');
  });

  it('warns when the hub may pass the hard limit at a rollout\'s peak though it holds only watches at rest', () => {
    const outcome = planScaleRun({ clusters: 10_000, agentsPerHost: 1000, hardLimit: 20_000, budgetShare: 0.75, costs: beatEvery45s });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.hub.descriptors).toBe(12_300);
    expect(describePlan(outcome.plan)).toMatch(/warning: at a rollout's peak the hub API server may hold up to ~30300 descriptors .* over the hard limit of 20000/);
  });
});
