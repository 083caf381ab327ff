/**
 * Runs the everyday commands in-process against a real embedded hub, as a user would type
 * them: a test hub on 127.0.0.1 bootstrapped as `flotilla controller` bootstraps it (CRDs,
 * workspaces, Cluster `local`), and `flotilla(...)` parsing a command line and returning
 * what it printed. Commander's exits become errors so a usage mistake fails the test instead
 * of ending the test process.
 */
import { Command, CommanderError } from 'commander';
import { pino } from 'pino';
import { systemClock } from '../../src/kube/clock.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { bootstrapHub } from '../../src/controller/bootstrap/index.js';
import { bundleCommand } from '../../src/cli/commands/bundle/index.js';
import { clusterCommand } from '../../src/cli/commands/cluster/index.js';
import { clusterGroupCommand } from '../../src/cli/commands/clustergroup/index.js';
import { gitRepoCommand } from '../../src/cli/commands/gitrepo/index.js';
import { statusCommand } from '../../src/cli/commands/status/index.js';
import { versionCommand } from '../../src/cli/commands/version.js';
import type { CliIo } from '../../src/cli/output/cli-io.js';
import { startTestApiServer, type TestApiServer } from '../support/api-server.js';

export interface CliRun {
  stdout: string;
  stderr: string;
  /** 0, or 1 with the error's message in stderr, as bin/flotilla.js reports it. */
  code: number;
}

export interface CliHub {
  api: TestApiServer;
  client: ObjectClient;
  /** Runs `flotilla ARGS --kubeconfig HUB`; `signal` ends a `-w`; `onOutput` sees stdout as it is written. */
  flotilla(args: string[], options?: { signal?: AbortSignal; onOutput?: (all: string) => void; env?: Partial<Pick<CliIo, 'kubeconfigEnv' | 'home'>>; kubeconfig?: boolean }): Promise<CliRun>;
  stop(): Promise<void>;
}

function overrideExits(command: Command, writeErr: (text: string) => void): void {
  command.exitOverride().configureOutput({ writeErr, writeOut: writeErr });
  for (const sub of command.commands) overrideExits(sub, writeErr);
}

export async function startCliHub(): Promise<CliHub> {
  const api = await startTestApiServer();
  const client = await ObjectClient.create(api.kubeConfig());
  await bootstrapHub({ client, clock: systemClock(), logger: pino({ level: 'silent' }) });
  return {
    api,
    client,
    async flotilla(args, options = {}) {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        stdout: (text) => {
          stdout += text;
          options.onOutput?.(stdout);
        },
        stderr: (text) => void (stderr += text),
        kubeconfigEnv: options.env?.kubeconfigEnv,
        home: options.env?.home ?? '/nonexistent-home',
        now: () => new Date(),
        interrupted: () => options.signal ?? new AbortController().signal,
      };
      const program = new Command('flotilla');
      for (const make of [gitRepoCommand, clusterCommand, clusterGroupCommand, bundleCommand, statusCommand, versionCommand]) program.addCommand(make(io));
      overrideExits(program, (text) => void (stderr += text));
      const kubeconfig = options.kubeconfig === false ? [] : ['--kubeconfig', api.kubeconfigPath];
      try {
        await program.parseAsync(['node', 'flotilla', ...args, ...kubeconfig]);
        return { stdout, stderr, code: 0 };
      } catch (err) {
        if (err instanceof CommanderError) return { stdout, stderr, code: err.exitCode };
        return { stdout, stderr: `${stderr}flotilla: ${err instanceof Error ? err.message : String(err)}\n`, code: 1 };
      }
    },
    async stop() {
      client.close();
      await api.stop();
    },
  };
}

/** The lines of a table as cells split on runs of 2+ spaces (cells never contain two spaces). */
export function tableCells(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}
