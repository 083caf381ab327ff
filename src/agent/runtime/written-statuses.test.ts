import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { WrittenStatuses } from './written-statuses.js';

const KEY = 'cluster-ns/app';
const bd = (resourceVersion: string, appliedDeploymentID?: string): BundleDeployment => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'BundleDeployment',
  metadata: { namespace: 'cluster-ns', name: 'app', resourceVersion },
  spec: { deploymentID: 'd2' },
  ...(appliedDeploymentID ? { status: { appliedDeploymentID } } : {}),
});

describe('WrittenStatuses', () => {
  it('answers the cached object when nothing was written', () => {
    const cached = bd('1', 'd1');
    expect(new WrittenStatuses().freshest(KEY, cached)).toBe(cached);
  });

  it('answers the written status while the watch has not delivered it, so a re-check does not take the deployment for new', () => {
    const written = new WrittenStatuses();
    const stale = bd('1', 'd1');
    const answer = bd('2', 'd2');
    written.remember(KEY, stale, answer);
    expect(written.freshest(KEY, stale)).toBe(answer);
  });

  it('answers the cache once it moved past the write, and forgets the write', () => {
    const written = new WrittenStatuses();
    const stale = bd('1', 'd1');
    written.remember(KEY, stale, bd('2', 'd2'));
    const delivered = bd('2', 'd2');
    expect(written.freshest(KEY, delivered)).toBe(delivered);
    expect(written.freshest(KEY, stale)).toBe(stale);
  });

  it('keeps the latest of several writes made before the first one arrived', () => {
    const written = new WrittenStatuses();
    const stale = bd('1', 'd1');
    const first = bd('2', 'd2');
    const second = bd('3', 'd2');
    written.remember(KEY, stale, first);
    written.remember(KEY, written.freshest(KEY, stale), second);
    expect(written.freshest(KEY, stale)).toBe(second);
    expect(written.freshest(KEY, bd('2', 'd2'))).toBe(second);
    expect(written.freshest(KEY, bd('3', 'd2')).metadata.resourceVersion).toBe('3');
  });

  it('keeps nothing once its own write arrived through the watch', () => {
    const written = new WrittenStatuses();
    const stale = bd('1', 'd1');
    written.sending(KEY, { appliedDeploymentID: 'd2' });
    const answer = bd('2', 'd2');
    written.remember(KEY, stale, answer);
    expect(written.isOwnWrite(KEY, stale, answer)).toBe(true);
    written.delivered(KEY, answer);
    expect(written.size).toBe(0);
    expect(written.freshest(KEY, answer)).toBe(answer);
  });

  it('forgets a removed BundleDeployment', () => {
    const written = new WrittenStatuses();
    const stale = bd('1', 'd1');
    written.remember(KEY, stale, bd('2', 'd2'));
    written.forget(KEY);
    expect(written.freshest(KEY, stale)).toBe(stale);
  });
});

interface OwnWriteCase {
  name: string;
  sent: boolean;
  seen: (previous: BundleDeployment) => BundleDeployment;
  own: boolean;
}

const ownWriteCases: OwnWriteCase[] = [
  { name: 'the status the agent sent arriving through the watch is its own write', sent: true, seen: (p) => ({ ...bd('2', 'd2'), metadata: { ...p.metadata, resourceVersion: '2' } }), own: true },
  { name: 'a status the agent did not send is not', sent: true, seen: () => bd('2', 'd3'), own: false },
  { name: 'the sent status together with a spec change is not', sent: true, seen: () => ({ ...bd('2', 'd2'), spec: { deploymentID: 'd3' } }), own: false },
  { name: 'the sent status together with a label change is not', sent: true, seen: (p) => ({ ...bd('2', 'd2'), metadata: { ...p.metadata, resourceVersion: '2', labels: { moved: 'yes' } } }), own: false },
  { name: 'nothing sent: no change is', sent: false, seen: () => bd('2', 'd2'), own: false },
];

describe('WrittenStatuses.isOwnWrite', () => {
  it.each(ownWriteCases)('$name', ({ sent, seen, own }) => {
    const written = new WrittenStatuses();
    const previous = bd('1', 'd1');
    if (sent) written.sending(KEY, { appliedDeploymentID: 'd2' });
    expect(written.isOwnWrite(KEY, previous, seen(previous))).toBe(own);
  });
});
