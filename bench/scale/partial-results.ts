/**
 * A scale run's figures written as each phase completes (`<base>-partial.json`, with the run
 * and parameters), so a failure late in a long run (a connection reset on the last metrics
 * read once lost a 1,000 × 5 run's figures) keeps everything measured before it. The
 * complete result files replace it at the end.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class PartialResults {
  private readonly phases: Record<string, unknown> = {};
  readonly path: string;

  constructor(private readonly options: { dir: string; baseName: string; header: Record<string, unknown> }) {
    this.path = join(options.dir, `${options.baseName}-partial.json`);
  }

  /** Records a phase's figures and rewrites the file; returns the figures, so a phase reads `x = await partial.record('x', measure())`. */
  async record<T>(phase: string, figures: T | Promise<T>): Promise<T> {
    const value = await figures;
    this.phases[phase] = value;
    await mkdir(this.options.dir, { recursive: true });
    const document = { ...this.options.header, complete: false, completedPhases: Object.keys(this.phases), phases: this.phases };
    await writeFile(this.path, `${JSON.stringify(document, null, 2)}\n`);
    return value;
  }

  /** The complete results are written: the partial file has nothing more to say. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
