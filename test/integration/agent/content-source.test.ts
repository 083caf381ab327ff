import { afterEach, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { parseRequestMetrics } from '../../../src/apiserver/request-metrics.js';
import { deploymentId, encodeContent } from '../../../src/bundle/index.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';
import type { TestApiServer } from '../../support/api-server.js';
import { startTestHub } from '../../support/test-hub.js';
import { ContentSource } from '../../../src/agent/runtime/content-source.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

/** A hub holding `count` Contents; returns their deploymentIDs. */
async function hubWithContents(count: number): Promise<{ api: TestApiServer; client: ObjectClient; ids: string[] }> {
  const hub = await startTestHub();
  cleanups.push(() => hub.stop());
  const { api, client } = hub;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const manifest: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } };
    const encoded = encodeContent([manifest]);
    await client.create({ apiVersion: API_VERSION, kind: 'Content', metadata: { name: encoded.name }, content: encoded.content, sha256sum: encoded.sha256sum } as KubeObject);
    ids.push(deploymentId(encoded.name, 'opts'));
  }
  return { api, client, ids };
}

async function contentGets(api: TestApiServer): Promise<number> {
  const answer = await api.request('GET', '/metrics');
  return parseRequestMetrics(answer.text).byResource['get contents'] ?? 0;
}

const cases = [
  { name: 'an agent with more BundleDeployments than the minimum fetches each Content once across resyncs', contents: 100, needed: 100, wantGets: 100 },
  { name: 'with the minimum alone a resync of more Contents than it holds fetches every one again', contents: 100, needed: 0, wantGets: 200 },
];

describe('ContentSource', () => {
  it.each(cases)('$name', async ({ contents, needed, wantGets }) => {
    const { api, client, ids } = await hubWithContents(contents);
    const source = new ContentSource(client, { needed: () => needed });
    const before = await contentGets(api);
    // Two resyncs: every BundleDeployment re-checked in the same order, as the 5-minute resync does.
    for (let round = 0; round < 2; round++) {
      for (const [i, id] of ids.entries()) expect((await source.manifests(id))[0]?.metadata.name).toBe(`cm-${i}`);
    }
    expect((await contentGets(api)) - before).toBe(wantGets);
  });
});
