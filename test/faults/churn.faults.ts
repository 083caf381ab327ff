/**
 * Churn, full: 1,000 seeded random create/update/delete operations of ManagedNamespaces,
 * GitRepos (branch, paths, targets) and git commits, against a real hub, three member
 * clusters with agents and a real git smart-HTTP server, applied in batches of 20 without
 * waiting in between, with a fault active during every other batch: git down, the hub
 * controllers restarted in-process, replaced by a `flotilla controller` process that is then
 * SIGKILLed (so it dies mid-reconcile), an agent restarted, an outside writer on the same
 * hub objects. Every 100 operations and at the end the system must settle (a deadline, not a
 * sleep) to members holding exactly what the model says, with the hub agreeing. The seed is
 * in the test's name; `CHURN_SEED=<seed> npm run test:faults` replays it. Needs dist/
 * (`npm run build`) for the controller process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnSeed } from './support/churn-random.js';
import { runChurn, type ChurnOptions } from './support/churn-run.js';
import { startChurnWorld, type ChurnWorld } from './support/churn-world.js';

const seed = churnSeed(process.env.CHURN_SEED);

const cases: Array<{ name: string; options: ChurnOptions }> = [
  {
    name: `1,000 operations with a fault in every other batch leave the members exactly as the hub says, checked every 100 (seed ${seed})`,
    options: {
      seed,
      cycles: 1000,
      batch: 20,
      faultEvery: 2,
      checkEvery: 100,
      faults: ['git-down', 'controller-restart', 'controller-kill', 'agent-restart', 'hub-conflict'],
      settleMs: 120_000,
    },
  },
];

describe('churn', () => {
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
    expect(report.checks).toBe(options.cycles / options.checkEvery);
    expect(new Set(report.faults.map((f) => f.split(' ')[0])).size).toBeGreaterThanOrEqual(4);
  }, 900_000);
});
