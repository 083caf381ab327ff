/**
 * Churn, short: 100 seeded random create/update/delete operations of ManagedNamespaces,
 * GitRepos and git commits against a real hub, three member clusters with agents and a real
 * git server, with faults between them (git down, the hub controllers restarted, an agent
 * restarted, an outside writer on the same hub objects). After each settle the members hold
 * exactly what the model of the desired state says, and the hub agrees. The seed is in the
 * test's name; `CHURN_SEED=<seed>` replays a failure. The 1,000-operation run is
 * test/faults/churn.faults.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnProblems } from '../../faults/support/churn-check.js';
import { churnSeed } from '../../faults/support/churn-random.js';
import { runChurn, type ChurnOptions } from '../../faults/support/churn-run.js';
import { startChurnWorld, type ChurnWorld } from '../../faults/support/churn-world.js';

const seed = churnSeed(process.env.CHURN_SEED);

const cases: Array<{ name: string; options: ChurnOptions }> = [
  {
    name: `100 operations with a fault in every other batch leave the members exactly as the hub says (seed ${seed})`,
    options: { seed, cycles: 100, batch: 20, faultEvery: 2, checkEvery: 60, faults: ['git-down', 'controller-restart', 'agent-restart', 'hub-conflict'], settleMs: 90_000 },
  },
];

describe('churn (quick)', () => {
  let world: ChurnWorld;

  beforeAll(async () => {
    world = await startChurnWorld();
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
  });

  it.each(cases)('$name', async ({ options }) => {
    const report = await runChurn(world, options);
    expect(report.accepted + report.skipped).toBe(options.cycles);
    expect(report.checks).toBeGreaterThanOrEqual(2);
    expect(report.faults.length).toBeGreaterThan(0);
    // The check is not vacuous: an object Flotilla did not deploy, labelled as if it had, is seen.
    const intruder = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'intruder', namespace: 'default', labels: { 'flotilla.io/managed-by': 'elsewhere' } }, data: {} };
    await world.members.m2!.create(intruder);
    expect(await churnProblems(world, report.model)).toContain('m2: extra ConfigMap/default/intruder {"data":{}}');
  }, 240_000);
});
