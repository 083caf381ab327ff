/**
 * The `flotilla` command: parses the command line once and hands plain, validated options
 * to the component that does the work.
 */
import { Command } from 'commander';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('flotilla').description('GitOps bundle engine with multi-cluster managed namespaces');
  program.exitOverride();
  await program.parseAsync(argv);
  return 0;
}
