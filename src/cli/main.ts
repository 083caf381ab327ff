/**
 * The `flotilla` command: parses the command line once and hands plain, validated options
 * to the component that does the work.
 */
import { Command, CommanderError } from 'commander';
import { apiserverCommand } from './commands/apiserver.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('flotilla')
    .description('GitOps bundle engine with multi-cluster managed namespaces')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(apiserverCommand());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
