/**
 * The admin's bearer token, generated on first start and kept in the data directory so the
 * kubeconfig written earlier keeps working after a restart.
 */
import { join } from 'node:path';
import { readFileIfExists, writePrivateFile } from './private-file.js';
import { generateToken } from './tokens.js';

export const adminTokenFile = 'admin.token';

export async function loadOrCreateAdminToken(options: { dataDir: string }): Promise<string> {
  const path = join(options.dataDir, adminTokenFile);
  const existing = (await readFileIfExists(path))?.trim();
  if (existing) return existing;
  const token = generateToken();
  await writePrivateFile(path, `${token}\n`);
  return token;
}
