/**
 * The live rollout view, as text: one line per member cluster (a bar of its Ready
 * BundleDeployments and what holds it up) and one for the managed namespaces. On a terminal
 * the block is redrawn in place; otherwise only lines that changed are printed, so a log or
 * CI output reads as a plain sequence of events.
 */
import type { ClusterProgress, RolloutState } from './rollout-state.js';

const BAR_WIDTH = 20;
const NAMESPACES_LABEL = 'namespaces';

function bar(ready: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((ready / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function clusterLine(progress: ClusterProgress, width: number): string {
  const name = progress.cluster.padEnd(width);
  const count = `${progress.applied}/${progress.total} bundles applied, ${progress.ready} ready`;
  const blocked = progress.blocked ? `  ${progress.blocked.bundle}: ${progress.blocked.state}` : progress.total > 0 ? '  done' : '  waiting for bundles';
  return `${name}  ${bar(progress.applied, progress.total)} ${count}${blocked}`;
}

/** The view's lines, without newlines. */
export function progressLines(state: RolloutState): string[] {
  const width = Math.max(NAMESPACES_LABEL.length, ...state.clusters.map((c) => c.cluster.length));
  const lines = state.clusters.map((c) => clusterLine(c, width));
  lines.push(`${NAMESPACES_LABEL.padEnd(width)}  ${bar(state.namespaces.ready, state.namespaces.total)} ${state.namespaces.ready}/${state.namespaces.total} managed namespaces placed everywhere`);
  return lines;
}

/** Writes the view to a stream: redrawn in place on a terminal, changed lines only otherwise. */
export class ProgressDisplay {
  private shown: string[] = [];

  constructor(private readonly out: { write(text: string): unknown; isTTY?: boolean }) {}

  update(state: RolloutState): void {
    const lines = progressLines(state);
    if (this.out.isTTY) {
      // Move up over the previous block and clear each line before rewriting it.
      const up = this.shown.length > 0 ? `\x1b[${this.shown.length}A` : '';
      this.out.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
    } else {
      const changed = lines.filter((line, i) => line !== this.shown[i]);
      if (changed.length > 0) this.out.write(changed.map((l) => `${l}\n`).join(''));
    }
    this.shown = lines;
  }
}
