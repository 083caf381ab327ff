/**
 * The production image, checked without a container engine (none runs on these machines):
 * the Dockerfile read statically, and its entrypoint run from an install made the way its
 * final stage makes it (`npm ci --omit=dev`, compiled output only).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/flotilla-process.js';

const run = promisify(execFile);
let dockerfile: string;
let dir: string;

beforeAll(async () => {
  dockerfile = await readFile(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  dir = await mkdtemp(join(tmpdir(), 'flotilla-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const instructions = () =>
  dockerfile
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('builds in one stage and ships only production dependencies in the last, as a non-root user', () => {
    const lines = instructions();
    const stages = lines.filter((l) => l.startsWith('FROM '));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((l) => /^FROM node:20\b/.test(l))).toBe(true);
    const last = lines.slice(lines.lastIndexOf(stages[stages.length - 1]!));
    expect(last.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    expect(last.some((l) => /^COPY --from=build \S*dist/.test(l))).toBe(true);
    expect(last.some((l) => /^COPY (\.\/)?src\b/.test(l))).toBe(false);
    const user = last.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    expect(last.find((l) => l.startsWith('ENTRYPOINT '))).toBe('ENTRYPOINT ["node", "/app/bin/flotilla.js"]');
  });

  it('runs its entrypoint from an --omit=dev install holding the compiled output only', async () => {
    for (const f of ['package.json', 'package-lock.json']) await cp(join(REPO_ROOT, f), join(dir, f));
    for (const d of ['bin', 'dist', 'crds']) await cp(join(REPO_ROOT, d), join(dir, d), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, timeout: 240_000 });
    const help = await run(process.execPath, [join(dir, 'bin', 'flotilla.js'), '--help'], { cwd: dir });
    expect(help.stdout).toContain('Usage: flotilla');
    for (const command of ['apiserver', 'controller', 'agent']) expect(help.stdout).toContain(command);
    const env = { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig'), HOME: dir };
    const version = await run(process.execPath, [join(dir, 'bin', 'flotilla.js'), 'version'], { cwd: dir, env });
    expect(version.stdout).toMatch(/^Client version: \d+\.\d+\.\d+$/m);
    // The image extracts helm at build time, as root, since its user cannot write node_modules.
    const extract = instructions().find((l) => l.startsWith('RUN ') && l.includes('locateHelm'));
    expect(extract).toBeDefined();
    await run('sh', ['-c', extract!.slice('RUN '.length)], { cwd: dir, env });
    const cached = await readdir(join(dir, 'node_modules', '.cache', 'flotilla'));
    const helm = join(dir, 'node_modules', '.cache', 'flotilla', cached.find((d) => d.startsWith('helm-'))!, 'helm');
    expect((await run(helm, ['version', '--short'])).stdout).toMatch(/^v[34]\./);
  }, 300_000);
});
