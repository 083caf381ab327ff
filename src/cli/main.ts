/**
 * The `flotilla` command: parses the command line once and hands plain, validated options
 * to the component that does the work.
 */
import { Command, CommanderError } from 'commander';
import { apiserverCommand } from './commands/apiserver.js';
import { controllerCommand } from './commands/controller.js';
import { testCommand } from './commands/test.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('flotilla')
    .description('GitOps bundle engine with multi-cluster managed namespaces')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(apiserverCommand());
  program.addCommand(controllerCommand()).addCommand(testCommand());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
