/**
 * What an everyday command reads from and writes to its process, passed in so the commands
 * run in-process in tests: output streams, the environment values they use (KUBECONFIG,
 * the home directory for the embedded hub's kubeconfig), the clock for AGE, and the signal
 * that ends a `-w` watch (Ctrl-C for the real process).
 */
import { homedir } from 'node:os';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The value of KUBECONFIG, if set. */
  kubeconfigEnv: string | undefined;
  /** The home directory: `~/.flotilla/hub.kubeconfig` is the default hub. */
  home: string;
  now(): Date;
  /** A signal that aborts when the user interrupts (SIGINT/SIGTERM); for `-w`. */
  interrupted(): AbortSignal;
}

/** The real process: stdout/stderr, its environment, and SIGINT/SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    kubeconfigEnv: process.env.KUBECONFIG,
    home: homedir(),
    now: () => new Date(),
    interrupted() {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop).once('SIGTERM', stop);
      controller.signal.addEventListener('abort', () => process.off('SIGINT', stop).off('SIGTERM', stop), { once: true });
      return controller.signal;
    },
  };
}
