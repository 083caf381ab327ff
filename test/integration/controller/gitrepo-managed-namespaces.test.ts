/**
 * A bundle with fleet.yaml `managedNamespaces`, synced by the controller from git: the
 * Bundle spec carries the definitions in the API's shape (accepted by the hub's schema), and
 * its Content holds exactly what src/bundle's fixture says the renderer produces.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/names.js';
import { decodeContent } from '../../../src/bundle/index.js';
import { bundlesOf, condition, createGitRepo, getGitRepo, startHarness, type ControllerHarness } from './gitrepo-support.js';

const CASE = join(import.meta.dirname, '../../fixtures/bundles/managed-namespaces');

describe('GitRepo controller with fleet.yaml managed namespaces', () => {
  let h: ControllerHarness;

  beforeAll(async () => {
    h = await startHarness({ fixture: join(CASE, 'repo') });
    await createGitRepo(h.client, 'teams', { repo: h.repoUrl, branch: 'main' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('the Bundle lists the managed namespaces with one role assignment per subject', async () => {
    await expect.poll(async () => condition(await getGitRepo(h.client, 'teams'), 'Ready').status, { timeout: 15_000 }).toBe('True');
    const bundle = (await bundlesOf(h.client, 'teams')).get('teams');
    expect(bundle?.spec.managedNamespaces?.map((m) => m.name)).toEqual(['team-a', 'team-b']);
    expect(bundle?.spec.managedNamespaces?.[0]?.roleAssignments).toEqual([
      { role: 'Writer', kind: 'User', name: 'alice' },
      { role: 'Writer', kind: 'Group', name: 'team-a-devs' },
    ]);
  });

  it('the Content holds what the renderer’s own fixture expects', async () => {
    const bundle = (await bundlesOf(h.client, 'teams')).get('teams');
    const content = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name: bundle?.metadata.labels?.[LABELS.contentName] ?? '' });
    const expected = parseAllDocuments(await readFile(join(CASE, 'expected.yaml'), 'utf8')).map((d) => d.toJS());
    expect(decodeContent(content.content as string)).toEqual(expected);
  });
});
