/**
 * Progress of a long run on stderr, so stdout keeps only the result table. On a terminal a
 * counter rewrites its own line; otherwise (CI logs, a test capturing output) it prints a
 * line every tenth of the way, so logs stay short.
 */
export interface ProgressOptions {
  write: (text: string) => void;
  interactive: boolean;
  quiet?: boolean;
}

export class Progress {
  constructor(private readonly options: ProgressOptions) {}

  static forStderr(options: { quiet?: boolean } = {}): Progress {
    return new Progress({ write: (text) => process.stderr.write(text), interactive: Boolean(process.stderr.isTTY), quiet: options.quiet });
  }

  say(message: string): void {
    if (!this.options.quiet) this.options.write(`${message}\n`);
  }

  /** Something the user must know even in a quiet run (a peer missing, a figure not measured). */
  warn(message: string): void {
    this.options.write(`${message}\n`);
  }

  /** Returns a function to call after each unit of work. */
  counter(label: string, total: number): (done: number) => void {
    let shownTenth = -1;
    return (done) => {
      if (this.options.quiet) return;
      const tenth = Math.floor((done * 10) / total);
      if (this.options.interactive) {
        if (done === total || done % Math.max(1, Math.floor(total / 200)) === 0) {
          this.options.write(`\r${label}: ${done}/${total}${done === total ? '\n' : ''}`);
        }
      } else if (tenth !== shownTenth) {
        shownTenth = tenth;
        this.options.write(`${label}: ${done}/${total}\n`);
      }
    };
  }
}
