/**
 * The command line's logger: pino JSON on stderr, pretty-printed when stderr is a terminal.
 * Created once by the command and passed down.
 */
import { destination, pino, type Logger } from 'pino';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export function createLogger(options: { level: LogLevel; pretty?: boolean }): Logger {
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  if (pretty) {
    return pino({ level: options.level, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level: options.level }, destination({ fd: 2, sync: false }));
}
