/**
 * A pino destination that keeps every line in memory, so a case can assert that a secret
 * never reached the logs (the controller logs at debug level while the case runs).
 */
import { Writable } from 'node:stream';

export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });

  /** Everything logged so far, one JSON record a line. */
  text(): string {
    return this.lines.join('\n');
  }
}
