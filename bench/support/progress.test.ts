import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

describe('Progress', () => {
  const cases = [
    {
      name: 'outside a terminal a counter prints a line at each tenth of the way',
      interactive: false,
      quiet: false,
      total: 20,
      lines: ['puts: 0/20', ...Array.from({ length: 10 }, (_, i) => `puts: ${(i + 1) * 2}/20`)],
    },
    { name: 'a quiet run prints nothing', interactive: false, quiet: true, total: 20, lines: [] },
  ];

  it.each(cases)('$name', ({ interactive, quiet, total, lines }) => {
    let out = '';
    const tick = new Progress({ write: (t) => (out += t), interactive, quiet }).counter('puts', total);
    for (let done = 0; done <= total; done++) tick(done);
    expect(out.split('\n').filter(Boolean)).toEqual(lines);
  });

  it('a quiet run still prints warnings', () => {
    let out = '';
    const progress = new Progress({ write: (t) => (out += t), interactive: false, quiet: true });
    progress.say('starting etcd');
    progress.warn('etcd is not installed');
    expect(out).toBe('etcd is not installed\n');
  });

  it('on a terminal the counter rewrites one line and ends it when done', () => {
    let out = '';
    const tick = new Progress({ write: (t) => (out += t), interactive: true }).counter('puts', 3);
    for (let done = 1; done <= 3; done++) tick(done);
    expect(out).toBe('\rputs: 1/3\rputs: 2/3\rputs: 3/3\n');
  });
});
