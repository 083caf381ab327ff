/**
 * A span of time as a value, so an interval can never be mistaken for seconds when it was
 * meant as milliseconds. Parses Kubernetes' metav1.Duration text (Go's duration syntax,
 * e.g. `15s`, `1m30s`, `1h`, `250ms`), which is how GitRepo `pollingInterval` is written.
 */

const unitMillis: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

export class Duration {
  private constructor(private readonly ms: number) {}

  static milliseconds(ms: number): Duration {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a duration must be a finite, non-negative number of milliseconds, got ${ms}`);
    return new Duration(ms);
  }

  static seconds(s: number): Duration {
    return Duration.milliseconds(s * 1000);
  }

  static minutes(m: number): Duration {
    return Duration.milliseconds(m * 60_000);
  }

  static hours(h: number): Duration {
    return Duration.milliseconds(h * 3_600_000);
  }

  /**
   * Parse Go duration text (`1h2m3.5s`, `0`, `300ms`). Negative durations are refused: no
   * interval or timeout in Flotilla can be negative.
   */
  static parse(text: string): Duration {
    const input = text.trim();
    if (input === '0') return new Duration(0);
    if (input === '') throw new SyntaxError('empty duration');
    let total = 0;
    part.lastIndex = 0;
    while (part.lastIndex < input.length) {
      const start = part.lastIndex;
      const match = part.exec(input);
      if (!match) throw new SyntaxError(`invalid duration "${text}" at "${input.slice(start)}": use a number and a unit (ns, us, ms, s, m, h), e.g. 15s or 1m30s`);
      total += Number(match[1]) * (unitMillis[match[2] ?? ''] ?? Number.NaN);
    }
    return Duration.milliseconds(total);
  }

  toMilliseconds(): number {
    return this.ms;
  }

  toSeconds(): number {
    return this.ms / 1000;
  }

  /** The larger of two durations. */
  max(other: Duration): Duration {
    return this.ms >= other.ms ? this : other;
  }

  /** The smaller of two durations. */
  min(other: Duration): Duration {
    return this.ms <= other.ms ? this : other;
  }

  times(factor: number): Duration {
    return Duration.milliseconds(this.ms * factor);
  }

  equals(other: Duration): boolean {
    return this.ms === other.ms;
  }

  /** Go's text form (`1m30s`, `1h0m0s`, `250ms`, `0s`), which `parse` reads back. */
  toString(): string {
    if (this.ms === 0) return '0s';
    if (this.ms < 1000) return `${this.ms}ms`;
    const hours = Math.floor(this.ms / 3_600_000);
    const minutes = Math.floor((this.ms % 3_600_000) / 60_000);
    const seconds = `${(this.ms % 60_000) / 1000}s`;
    if (hours > 0) return `${hours}h${minutes}m${seconds}`;
    return minutes > 0 ? `${minutes}m${seconds}` : seconds;
  }
}
