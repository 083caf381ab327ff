/**
 * The flags every `flotilla namespace` subcommand shares: NAME as a positional argument or
 * `--name` (one of the two, and only one), with the hub flags `--kubeconfig`, `--context`
 * and `-n WORKSPACE` (default fleet-default).
 */
import { Command } from 'commander';
import { addHubOptions, type HubFlags } from '../../output/hub-connection.js';
import { ArgumentError } from '../../output/label-arguments.js';
import type { NamespaceRef } from './managed-namespace-store.js';

export interface NamedFlags extends HubFlags {
  name?: string;
}

/** A subcommand taking `[name]` or `--name`, with the hub flags. */
export function namedCommand(name: string, description: string): Command {
  return addHubOptions(new Command(name).argument('[name]', 'the managed namespace').option('--name <name>', 'the managed namespace (instead of NAME)').description(description));
}

export function namespaceRef(positional: string | undefined, flags: NamedFlags): NamespaceRef {
  if (positional !== undefined && flags.name !== undefined && positional !== flags.name) throw new ArgumentError(`give the name once: NAME ${positional} and --name ${flags.name} differ`);
  const name = positional ?? flags.name;
  if (name === undefined || name === '') throw new ArgumentError('give the managed namespace as NAME or --name');
  return { name, workspace: flags.namespace };
}
