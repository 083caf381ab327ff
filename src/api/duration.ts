/**
 * A span of time as a value (`Duration.seconds(5)`), so a delay can never be mistaken for
 * seconds when it was meant as milliseconds. `parse` reads Go's duration text (`15s`,
 * `1m30s`, `250ms`), which is how Fleet writes `pollingInterval` and lease durations.
 *
 * Functions of this folder accept any `DurationLike`, so a Duration made elsewhere (src/git
 * has its own until one moves to src/api) can be passed without converting it.
 */

/** Anything that can say how many milliseconds it spans. */
export interface DurationLike {
  toMilliseconds(): number;
}

const UNIT_MS: Readonly<Record<string, number>> = Object.freeze({
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
});

export class Duration implements DurationLike {
  private constructor(private readonly millis: number) {}

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

  static from(like: DurationLike): Duration {
    return like instanceof Duration ? like : Duration.milliseconds(like.toMilliseconds());
  }

  /** Go duration text: one or more `<number><unit>` parts, or a bare `0`. Negative is refused. */
  static parse(text: string): Duration {
    const input = text.trim();
    if (input === '0') return new Duration(0);
    const parts = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.test(input) ? input.match(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g) : null;
    if (!parts) throw new SyntaxError(`invalid duration "${text}": use numbers with units (ns, us, ms, s, m, h), e.g. 15s or 1m30s`);
    let total = 0;
    for (const p of parts) {
      const unit = /(ns|us|µs|ms|s|m|h)$/.exec(p)![1]!;
      total += Number(p.slice(0, p.length - unit.length)) * UNIT_MS[unit]!;
    }
    return Duration.milliseconds(total);
  }

  toMilliseconds(): number {
    return this.millis;
  }

  toSeconds(): number {
    return this.millis / 1000;
  }

  times(factor: number): Duration {
    return Duration.milliseconds(this.millis * factor);
  }

  min(other: DurationLike): Duration {
    return this.millis <= other.toMilliseconds() ? this : Duration.from(other);
  }

  max(other: DurationLike): Duration {
    return this.millis >= other.toMilliseconds() ? this : Duration.from(other);
  }

  equals(other: DurationLike): boolean {
    return this.millis === other.toMilliseconds();
  }

  /** Go's text form (`1m30s`, `1h0m0s`, `250ms`, `0s`), which `parse` reads back. */
  toString(): string {
    const ms = this.millis;
    if (ms === 0) return '0s';
    if (ms < 1000) return `${ms}ms`;
    const hours = Math.floor(ms / 3_600_000);
    const minutes = Math.floor((ms % 3_600_000) / 60_000);
    const seconds = `${(ms % 60_000) / 1000}s`;
    if (hours > 0) return `${hours}h${minutes}m${seconds}`;
    return minutes > 0 ? `${minutes}m${seconds}` : seconds;
  }
}
