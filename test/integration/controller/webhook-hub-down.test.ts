/**
 * The push webhook while the hub cannot be read: the event cannot be verified against the
 * webhook Secret, so it is answered 503 with the reason (a sender redelivers it) rather than a
 * bare 500, and nothing is triggered; once the hub answers again the same event is accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startWebhookServer, type WebhookServer } from '../../../src/controller/webhook-server.js';
import { startTestApiServer } from '../../support/api-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

const REPO = 'https://git.example.com/platform/fleet.git';

async function push(server: WebhookServer): Promise<{ status: number; body: { reason?: string; message?: string; gitRepos?: string[] } }> {
  const body = JSON.stringify({ ref: 'refs/heads/main', after: 'a'.repeat(40), repository: { clone_url: REPO, html_url: REPO } });
  const answer = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' }, body });
  return { status: answer.status, body: (await answer.json()) as { reason?: string; message?: string; gitRepos?: string[] } };
}

describe('the push webhook while the hub is unavailable', () => {
  it('answers 503 naming the Secret it could not read, triggers nothing, and accepts the event once the hub is back', async () => {
    const hub = await startTestApiServer();
    cleanups.push(() => hub.stop());
    const client = await ObjectClient.create(hub.kubeConfig());
    cleanups.push(() => client.close());
    const triggered: string[][] = [];
    const server = await startWebhookServer({
      client,
      logger: pino({ level: 'silent' }),
      address: '127.0.0.1:0',
      targets: () => [{ key: 'fleet-default/platform', repo: REPO, branch: 'main' }],
      trigger: (keys) => triggered.push([...keys]),
    });
    cleanups.push(() => server.stop());

    let down: Awaited<ReturnType<typeof push>> | undefined;
    await hub.restart(async () => {
      down = await push(server);
    });
    expect(down?.status).toBe(503);
    expect(down?.body.reason).toBe('HubUnavailable');
    expect(down?.body.message).toContain('flotilla-system/flotilla-webhook');
    expect(triggered).toEqual([]);

    const up = await push(server);
    expect(up.status).toBe(202);
    expect(triggered).toEqual([['fleet-default/platform']]);
  });
});
