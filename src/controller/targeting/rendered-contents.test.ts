/**
 * RenderedContents against a real hub: a per-option Content is rendered and written once per
 * Bundle generation, and written again once it is older than `refreshAfter`, so one the
 * collector deleted while no BundleDeployment used it exists again before it is named anew.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import { API_VERSION } from '../../api/group.js';
import { ManualClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { contentNames, startTestHub } from '../../../test/support/test-hub.js';
import { RenderedContents } from './rendered-contents.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

const bundle: Bundle = {
  apiVersion: API_VERSION,
  kind: 'Bundle',
  metadata: { name: 'app', namespace: 'fleet-default', generation: 1, uid: 'u1' },
  spec: { resources: [{ name: 'cm.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "1"\n' }] },
};

describe('RenderedContents', () => {
  it('writes a remembered Content again after refreshAfter, recreating one collected meanwhile', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.stop());
    const clock = new ManualClock(Date.now());
    const contents = new RenderedContents({ client: h.client, clock, fieldManager: 'test', refreshAfter: Duration.seconds(30) });
    const options = { namespace: 'team-a' };
    const name = await contents.contentFor(bundle, options, 'h1');
    expect((await contentNames(h.client)).includes(name)).toBe(true);
    await h.client.delete({ apiVersion: API_VERSION, kind: 'Content', name });

    // Within refreshAfter the render is remembered and nothing is written.
    clock.advance(Duration.seconds(10));
    expect(await contents.contentFor(bundle, options, 'h1')).toBe(name);
    expect((await contentNames(h.client)).includes(name)).toBe(false);

    clock.advance(Duration.seconds(30));
    expect(await contents.contentFor(bundle, options, 'h1')).toBe(name);
    expect((await contentNames(h.client)).includes(name)).toBe(true);
  });
});
