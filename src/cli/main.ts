/**
 * The `flotilla` command: parses the command line once and hands plain, validated options
 * to the component that does the work.
 */
import { Command, CommanderError } from 'commander';
import { agentCommand } from './commands/agent.js';
import { apiserverCommand } from './commands/apiserver.js';
import { bundleCommand } from './commands/bundle/index.js';
import { bundleWhyCommand } from './commands/bundle-why.js';
import { clusterCommand } from './commands/cluster/index.js';
import { addClusterTokenCommand } from './commands/cluster-token.js';
import { clusterGroupCommand } from './commands/clustergroup/index.js';
import { controllerCommand } from './commands/controller.js';
import { demoCommand } from './commands/demo.js';
import { gitRepoCommand } from './commands/gitrepo/index.js';
import { namespaceCommand } from './commands/namespace/index.js';
import { statusCommand } from './commands/status/index.js';
import { testCommand } from './commands/test.js';
import { upCommand } from './commands/up.js';
import { versionCommand } from './commands/version.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('flotilla')
    .description('GitOps bundle engine with multi-cluster managed namespaces')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(apiserverCommand());
  program.addCommand(controllerCommand()).addCommand(testCommand());
  program.addCommand(namespaceCommand());
  program.addCommand(gitRepoCommand());
  program.addCommand(clusterCommand());
  program.addCommand(clusterGroupCommand());
  program.addCommand(bundleCommand().addCommand(bundleWhyCommand()));
  program.addCommand(statusCommand());
  program.addCommand(versionCommand());
  program.addCommand(agentCommand());
  addClusterTokenCommand(program);
  program.addCommand(demoCommand());
  program.addCommand(upCommand());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
