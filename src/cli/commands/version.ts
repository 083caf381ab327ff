/**
 * `flotilla version`: the client's version (package.json's) and, when a hub is configured
 * and answers, the hub's `/version` document. An unreachable hub is reported, not fatal:
 * the client version is still what the user asked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { processIo, type CliIo } from '../output/cli-io.js';
import { addHubOptions, connectHub, type PrintFlags } from '../output/hub-connection.js';
import { parseOutputFormat } from '../output/output-format.js';

export interface ServerVersion {
  major?: string;
  minor?: string;
  gitVersion?: string;
  platform?: string;
}

export interface VersionReport {
  clientVersion: { version: string };
  serverVersion?: ServerVersion;
  /** Why the hub's version is missing. */
  serverError?: string;
}

/** The version in the package.json above this file, from src/ as from dist/src/. */
export function clientVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'flotilla') return pkg.version ?? 'unknown';
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

async function serverVersion(flags: PrintFlags, io: CliIo): Promise<Pick<VersionReport, 'serverVersion' | 'serverError'>> {
  let hub;
  try {
    hub = await connectHub(flags, io);
  } catch (err) {
    return { serverError: err instanceof Error ? err.message : String(err) };
  }
  try {
    return { serverVersion: await hub.client.http.requestJson<ServerVersion>({ method: 'GET', path: '/version', signal: AbortSignal.timeout(5000) }) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { serverError: `hub ${hub.server} did not answer: ${typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)}` };
  } finally {
    hub.client.close();
  }
}

export function formatVersion(report: VersionReport): string {
  const hub = report.serverVersion ? `Hub version: ${report.serverVersion.gitVersion ?? `${report.serverVersion.major ?? '?'}.${report.serverVersion.minor ?? '?'}`}` : `Hub version: unknown (${report.serverError ?? 'no answer'})`;
  return `Client version: ${report.clientVersion.version}\n${hub}\n`;
}

export function versionCommand(io: CliIo = processIo()): Command {
  const command = new Command('version').description('print the client version and, when reachable, the hub’s').option('-o, --output <format>', 'table, json or yaml', 'table');
  return addHubOptions(command).action(async (flags: PrintFlags) => {
    const format = parseOutputFormat(flags.output, ['table', 'json', 'yaml']);
    const report: VersionReport = { clientVersion: { version: clientVersion() }, ...(await serverVersion(flags, io)) };
    if (format === 'json') io.stdout(`${JSON.stringify(report, null, 4)}\n`);
    else if (format === 'yaml') io.stdout(stringify(report));
    else io.stdout(formatVersion(report));
  });
}
