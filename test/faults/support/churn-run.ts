/**
 * The churn run: a seeded random sequence of ManagedNamespace, GitRepo and git operations,
 * applied in batches with the system left running between them (not waiting for it to
 * settle), a fault active during every few batches, and a full settle and exact check every
 * `checkEvery` operations and at the end. Every operation and fault goes to a replay log,
 * whose tail is part of the error when a check fails, with the seed to replay it.
 */
import { applyToModel, describeOp, initialModel, nextOp, BRANCHES, GITREPO_NAMES, type ChurnModel } from './churn-model.js';
import { ChurnRandom } from './churn-random.js';
import { executeOp, treeFiles } from './churn-driver.js';
import { settle } from './churn-check.js';
import { beginFault, type ActiveFault, type FaultName } from './churn-faults.js';
import type { ChurnWorld } from './churn-world.js';
import { commitFiles } from '../../support/git-repo.js';

export interface ChurnOptions {
  seed: number;
  cycles: number;
  /** Operations applied back to back before the system gets a short breath. */
  batch: number;
  /** A fault is active during one batch out of this many. */
  faultEvery: number;
  /** Full settle and check after this many operations (and at the end). */
  checkEvery: number;
  faults: readonly FaultName[];
  /** Deadline of each settle. */
  settleMs: number;
  /** Called after each passed check, e.g. to print progress. */
  onCheck?: (operations: number, report: ChurnReport) => void;
}

export interface ChurnReport {
  accepted: number;
  skipped: number;
  faults: string[];
  checks: number;
  /** Milliseconds each settle took. */
  settleTimes: number[];
  model: ChurnModel;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seedRepositories(world: ChurnWorld, model: ChurnModel): Promise<void> {
  for (const repo of GITREPO_NAMES) {
    const trees = model.trees.get(repo);
    for (const branch of BRANCHES) if (trees) await commitFiles(world.repoPath(repo), { branch, files: treeFiles(repo, trees[branch]), replace: true });
  }
}

export class ChurnFailure extends Error {}

export async function runChurn(world: ChurnWorld, options: ChurnOptions): Promise<ChurnReport> {
  const rng = new ChurnRandom(options.seed);
  // Faults draw from their own sequence, so the operations stay the same whatever the faults do.
  const faultRng = new ChurnRandom(options.seed ^ 0x5eed);
  const model = initialModel();
  const report: ChurnReport = { accepted: 0, skipped: 0, faults: [], checks: 0, settleTimes: [], model };
  const log: string[] = [];
  const fail = (err: unknown, at: number): never => {
    const message = err instanceof Error ? err.message : String(err);
    throw new ChurnFailure(`churn seed ${options.seed} (replay with CHURN_SEED=${options.seed}) failed after ${at} operations: ${message}\nlast operations:\n  ${log.slice(-40).join('\n  ')}`, { cause: err });
  };
  await seedRepositories(world, model);
  let done = 0;
  for (let batch = 0; done < options.cycles; batch++) {
    let fault: ActiveFault | undefined;
    if (options.faults.length > 0 && batch % options.faultEvery === options.faultEvery - 1) {
      fault = await beginFault(world, faultRng.pick(options.faults), faultRng);
      report.faults.push(fault.description);
      log.push(`fault begins: ${fault.description}`);
    }
    try {
      for (let i = 0; i < options.batch && done < options.cycles; i++, done++) {
        const op = nextOp(model, rng);
        const accepted = await executeOp(world, op);
        if (accepted) applyToModel(model, op);
        report[accepted ? 'accepted' : 'skipped'] += 1;
        log.push(`${done + 1}: ${describeOp(op)}${accepted ? '' : ' (refused: skipped)'}`);
        await pause(rng.int(40));
      }
    } catch (err) {
      fail(err, done);
    } finally {
      await fault?.end();
      if (fault) log.push(`fault ends: ${fault.description}`);
    }
    await pause(200);
    if (done % options.checkEvery === 0 || done >= options.cycles) {
      try {
        report.settleTimes.push(await settle(world, model, { deadlineMs: options.settleMs }));
        report.checks += 1;
        log.push(`checked after ${done} operations (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`);
        options.onCheck?.(done, report);
      } catch (err) {
        fail(err, done);
      }
    }
  }
  return report;
}
