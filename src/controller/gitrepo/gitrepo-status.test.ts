import { describe, expect, it } from 'vitest';
import type { GitRepo } from '../../api/git-repo.js';
import { gitRepoStatus } from './gitrepo-status.js';
import { emptyOutcome, type SyncOutcome } from './sync-outcome.js';

const now = '2026-01-01T12:00:00Z';

function gitRepo(status?: GitRepo['status']): GitRepo {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: 'apps', namespace: 'fleet-default', generation: 3 },
    spec: { repo: 'https://example.com/apps.git' },
    ...(status ? { status } : {}),
  };
}

const ok: SyncOutcome = { ...emptyOutcome(), commit: 'c2', polledCommit: 'c2', bundleCount: 2, resourceCount: 5 };

interface Case {
  name: string;
  outcome: SyncOutcome;
  /** type → `status reason` */
  want: Record<string, string>;
  message?: [string, string];
  state: string;
}

const cases: Case[] = [
  {
    name: 'a clean sync is accepted, polled, not stalled and ready',
    outcome: ok,
    want: { Accepted: 'True Accepted', GitPolling: 'True Polled', Stalled: 'False Progressing', Ready: 'True Synced' },
    message: ['Ready', '2 bundles, 5 resources'],
    state: '',
  },
  {
    name: 'an unreachable server is a polling failure that will retry, not a stall',
    outcome: { ...emptyOutcome(), gitError: { reason: 'NetworkError', message: 'connection refused', retry: true } },
    want: { Accepted: 'True Accepted', GitPolling: 'False NetworkError', Stalled: 'False Progressing', Ready: 'False NetworkError' },
    state: 'GitUpdating',
  },
  {
    name: 'refused credentials stall the GitRepo until the user acts',
    outcome: { ...emptyOutcome(), gitError: { reason: 'AuthenticationFailed', message: 'HTTP 401', retry: false } },
    want: { Accepted: 'True Accepted', GitPolling: 'False AuthenticationFailed', Stalled: 'True AuthenticationFailed', Ready: 'False AuthenticationFailed' },
    state: 'AuthenticationFailed',
  },
  {
    name: 'a missing credentials Secret is not accepted',
    outcome: { ...emptyOutcome(), rejected: { reason: 'SecretNotFound', message: 'clientSecretName: Secret fleet-default/creds not found' } },
    want: { Accepted: 'False SecretNotFound', GitPolling: 'True Polled', Stalled: 'True SecretNotFound', Ready: 'False SecretNotFound' },
    state: 'SecretNotFound',
  },
  {
    name: 'a broken fleet.yaml stalls with the file and field in the message',
    outcome: { ...ok, bundleErrors: [{ path: 'backend', file: 'backend/fleet.yaml', message: 'backend/fleet.yaml:2:1: bogus: unknown field' }] },
    want: { Accepted: 'True Accepted', GitPolling: 'True Polled', Stalled: 'True BundleError', Ready: 'False BundleError' },
    message: ['Stalled', 'backend: backend/fleet.yaml:2:1: bogus: unknown field'],
    state: 'BundleError',
  },
  {
    name: 'a key not supported yet is shown on Ready, naming file, line and field',
    outcome: { ...ok, findings: [{ reason: 'NotSupported', file: 'a/fleet.yaml', line: 3, column: 1, field: 'helm', message: 'Helm is not supported yet' }] },
    want: { Accepted: 'True Accepted', GitPolling: 'True Polled', Stalled: 'False Progressing', Ready: 'False NotSupported' },
    message: ['Ready', 'not supported yet, skipped: a/fleet.yaml:3:1: helm: Helm is not supported yet'],
    state: 'NotSupported',
  },
  {
    name: 'a repository over the size limit is refused with a stall',
    outcome: { ...emptyOutcome(), polledCommit: 'c3', refused: { reason: 'TooLarge', message: 'big.bin: the files add up to more than the size limit' } },
    want: { Accepted: 'True Accepted', GitPolling: 'True Polled', Stalled: 'True TooLarge', Ready: 'False TooLarge' },
    state: 'TooLarge',
  },
];

describe('gitRepoStatus', () => {
  it.each(cases)('$name', ({ outcome, want, message, state }) => {
    const status = gitRepoStatus({ gitRepo: gitRepo(), outcome, now });
    const got = Object.fromEntries((status.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason ?? ''}`]));
    expect(got).toEqual(want);
    if (message) expect(status.conditions?.find((c) => c.type === message[0])?.message).toBe(message[1]);
    expect(status.display?.state).toBe(state);
    expect(status.observedGeneration).toBe(3);
  });

  it('a failed poll keeps the commit deployed before', () => {
    const status = gitRepoStatus({ gitRepo: gitRepo({ commit: 'c1' }), outcome: { ...emptyOutcome(), gitError: { reason: 'Timeout', message: 't', retry: true } }, now });
    expect(status.commit).toBe('c1');
  });

  it('a condition keeps its transition time while its status holds, and moves it when it flips', () => {
    const before = '2025-12-31T00:00:00Z';
    const previous = gitRepo({ conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: before }, { type: 'GitPolling', status: 'True', lastTransitionTime: before }] });
    const status = gitRepoStatus({ gitRepo: previous, outcome: { ...ok, findings: [{ reason: 'NotSupported', file: 'f', line: 1, column: 1, field: 'helm', message: 'm' }] }, now });
    expect(status.conditions?.find((c) => c.type === 'GitPolling')?.lastTransitionTime).toBe(before);
    expect(status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(now);
  });
});
