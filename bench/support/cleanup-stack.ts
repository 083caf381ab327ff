/**
 * What a benchmark must undo when it ends, however it ends: processes to stop and
 * temporary directories to remove. Steps run last-registered first (a directory is removed
 * only after the process using it has stopped), one at a time, each at most once, and one
 * failing step does not keep the others from running. A signal handler and the normal exit
 * path may both ask for cleanup at once: the second caller joins the run under way instead
 * of starting the next step while the first is still stopping a process.
 */
export type CleanupStep = () => Promise<void> | void;

export class CleanupStack {
  private readonly steps: Array<{ label: string; run: CleanupStep }> = [];
  private running: Promise<string[]> | undefined;

  defer(label: string, run: CleanupStep): void {
    this.steps.push({ label, run });
  }

  /** Runs every pending step; returns one message per step that failed. */
  runAll(): Promise<string[]> {
    this.running ??= this.runPending().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runPending(): Promise<string[]> {
    const failures: string[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (err) {
        failures.push(`${step.label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return failures;
  }

  get pending(): number {
    return this.steps.length;
  }
}
