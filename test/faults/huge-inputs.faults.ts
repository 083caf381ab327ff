/**
 * Repositories too big to use, against the controller with its default limits (no tuning):
 * a 100 MB file and 50,000 files are refused with a condition naming the limit, the last
 * good Bundles and Contents stay, and removing the offending commit recovers. Slow (the git
 * server really packs and serves them), so this runs in `npm run test:faults` only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBranch } from '../support/git-repo.js';
import { commitBulk, type BulkFile } from './support/bulk-commit.js';
import { cm, deployGood } from './support/fault-case.js';
import { startFaultHarness, type FaultHarness } from './support/fault-harness.js';
import { condition, renderedState } from './support/rendered-state.js';

const POLL = { timeout: 120_000, interval: 500 };
const MB = 1024 * 1024;

function* manyFiles(count: number): Generator<BulkFile> {
  for (let i = 0; i < count; i += 1) yield { path: `app/many/d${i % 100}/cm-${i}.yaml`, content: Buffer.from(cm(`cm-${i}`)) };
}

function* hugeFile(): Generator<BulkFile> {
  // A ConfigMap whose one value is 100 MB long: valid YAML, so only a size limit stops it.
  const head = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  value: ');
  yield { path: 'app/huge.yaml', content: Buffer.concat([head, Buffer.alloc(100 * MB, 'a'), Buffer.from('\n')]) };
}

const cases = [
  { name: 'a 100 MB file is refused as TooLarge naming the file, and the last good Bundles stay', repo: 'hundred-mb', files: hugeFile, message: /app\/huge\.yaml/ },
  { name: '50,000 files are refused as TooLarge, and the last good Bundles stay', repo: 'many-files', files: () => manyFiles(50_000), message: /more than 20000 files and directories/ },
];

describe('repositories too big to use, with the default limits', () => {
  let h: FaultHarness;

  beforeAll(async () => {
    h = await startFaultHarness({ files: { 'app/cm.yaml': cm('app') } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it.each(cases)('$name', async (c) => {
    const repo = await deployGood(h, c);
    const before = await renderedState(h.client, c.repo);
    const good = (await h.getGitRepo(c.repo)).status?.commit ?? '';
    await commitBulk(repo.path, c.files());
    await expect.poll(async () => condition(await h.getGitRepo(c.repo), 'Stalled').reason, POLL).toBe('TooLarge');
    const failed = await h.getGitRepo(c.repo);
    expect(condition(failed, 'Stalled').message).toMatch(c.message);
    expect(condition(failed, 'Ready').status).toBe('False');
    expect(await renderedState(h.client, c.repo)).toEqual(before);
    await setBranch(repo.path, 'main', good);
    expect(await h.pushWebhook()).toBe(202);
    await expect.poll(async () => condition(await h.getGitRepo(c.repo), 'Ready').status, POLL).toBe('True');
  });
});
