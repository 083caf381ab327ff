import { describe, expect, it } from 'vitest';
import { ProgressDisplay, progressLines } from './progress-view.js';
import type { RolloutState } from './rollout-state.js';

function state(applied: number, blocked?: string): RolloutState {
  return {
    clusters: [
      { cluster: 'member-1', applied, ready: applied, total: 2, notReady: [], ...(blocked ? { blocked: { bundle: blocked, state: 'WaitApplied', message: '' } } : {}) },
      { cluster: 'member-2', applied: 0, ready: 0, total: 0, notReady: [] },
    ],
    namespaces: { ready: 1, total: 3 },
    done: false,
    stalled: [],
    waitingFor: [],
  };
}

const cases = [
  {
    name: 'each cluster shows a bar of applied bundles, the counts and what holds it up',
    state: state(1, 'platform-apps'),
    expected: [
      'member-1    [##########..........] 1/2 bundles applied, 1 ready  platform-apps: WaitApplied',
      'member-2    [....................] 0/0 bundles applied, 0 ready  waiting for bundles',
      'namespaces  [#######.............] 1/3 managed namespaces placed everywhere',
    ],
  },
  {
    name: 'a cluster with every bundle applied says done',
    state: state(2),
    expected: [
      'member-1    [####################] 2/2 bundles applied, 2 ready  done',
      'member-2    [....................] 0/0 bundles applied, 0 ready  waiting for bundles',
      'namespaces  [#######.............] 1/3 managed namespaces placed everywhere',
    ],
  },
];

describe('progressLines', () => {
  it.each(cases)('$name', ({ state: s, expected }) => {
    expect(progressLines(s)).toEqual(expected);
  });
});

describe('ProgressDisplay', () => {
  it('prints only the lines that changed when the output is not a terminal', () => {
    const written: string[] = [];
    const display = new ProgressDisplay({ write: (t: string) => written.push(t), isTTY: false });
    display.update(state(1, 'platform-apps'));
    display.update(state(1, 'platform-apps'));
    display.update(state(2));
    expect(written).toHaveLength(2);
    expect(written[1]).toBe('member-1    [####################] 2/2 bundles applied, 2 ready  done\n');
  });

  it('redraws the whole block in place on a terminal', () => {
    const written: string[] = [];
    const display = new ProgressDisplay({ write: (t: string) => written.push(t), isTTY: true });
    display.update(state(1, 'platform-apps'));
    display.update(state(2));
    expect(written[0]!.startsWith('\x1b[2K')).toBe(true);
    expect(written[1]!.startsWith('\x1b[3A\x1b[2K')).toBe(true);
    expect(written[1]!.split('\n')).toHaveLength(4);
  });
});
