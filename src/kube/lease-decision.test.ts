import { describe, expect, it } from 'vitest';
import { decideLease, heldLeaseSpec, microTime, releasedLeaseSpec, type LeaseSituation } from './lease-decision.js';

describe('decideLease', () => {
  const held = { holderIdentity: 'other', leaseDurationSeconds: 15, renewTime: microTime(0), leaseTransitions: 2 };
  const cases: Array<{ name: string; situation: LeaseSituation; kind: string }> = [
    { name: 'no Lease yet: create it', situation: { spec: undefined, identity: 'me', now: 0, observedAt: 0 }, kind: 'create' },
    { name: 'our own Lease: renew it', situation: { spec: { ...held, holderIdentity: 'me' }, identity: 'me', now: 99_000, observedAt: 0 }, kind: 'renew' },
    { name: 'a released Lease: take it over at once', situation: { spec: { ...held, holderIdentity: undefined }, identity: 'me', now: 0, observedAt: 0 }, kind: 'takeOver' },
    { name: 'a held Lease seen renewed recently: wait', situation: { spec: held, identity: 'me', now: 14_999, observedAt: 0 }, kind: 'wait' },
    { name: 'a held Lease not renewed for its duration: take it over', situation: { spec: held, identity: 'me', now: 15_000, observedAt: 0 }, kind: 'takeOver' },
    {
      name: 'expiry counts from when we observed the record, not from its renewTime',
      situation: { spec: { ...held, renewTime: microTime(-3_600_000) }, identity: 'me', now: 10_000, observedAt: 5_000 },
      kind: 'wait',
    },
  ];
  it.each(cases)('$name', ({ situation, kind }) => {
    expect(decideLease(situation).kind).toBe(kind);
  });
});

describe('lease specs', () => {
  const previous = { holderIdentity: 'other', leaseDurationSeconds: 15, acquireTime: microTime(0), renewTime: microTime(0), leaseTransitions: 2 };
  const cases = [
    {
      name: 'a renewal keeps acquireTime and transitions and moves renewTime',
      spec: heldLeaseSpec({ ...previous, holderIdentity: 'me' }, { kind: 'renew' }, { identity: 'me', now: 5000, leaseDurationSeconds: 15 }),
      expected: { holderIdentity: 'me', acquireTime: '1970-01-01T00:00:00.000000Z', renewTime: '1970-01-01T00:00:05.000000Z', leaseTransitions: 2, leaseDurationSeconds: 15 },
    },
    {
      name: 'a takeover counts one more transition and restarts acquireTime',
      spec: heldLeaseSpec(previous, { kind: 'takeOver' }, { identity: 'me', now: 5000, leaseDurationSeconds: 15 }),
      expected: { holderIdentity: 'me', acquireTime: '1970-01-01T00:00:05.000000Z', renewTime: '1970-01-01T00:00:05.000000Z', leaseTransitions: 3, leaseDurationSeconds: 15 },
    },
    {
      name: 'creating the Lease is no transition',
      spec: heldLeaseSpec(undefined, { kind: 'create' }, { identity: 'me', now: 0, leaseDurationSeconds: 15 }),
      expected: { holderIdentity: 'me', acquireTime: '1970-01-01T00:00:00.000000Z', renewTime: '1970-01-01T00:00:00.000000Z', leaseTransitions: 0, leaseDurationSeconds: 15 },
    },
    {
      name: 'a release names no holder and keeps the transitions',
      spec: releasedLeaseSpec(previous, 1000),
      expected: { acquireTime: '1970-01-01T00:00:00.000000Z', renewTime: '1970-01-01T00:00:01.000000Z', leaseTransitions: 2, leaseDurationSeconds: 1 },
    },
  ];
  it.each(cases)('$name', ({ spec, expected }) => {
    expect(spec).toEqual(expected);
  });
});
