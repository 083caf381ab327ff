import { describe, expect, it } from 'vitest';
import { openFileLimitWarning } from './open-file-limit.js';

describe('openFileLimitWarning', () => {
  const cases = [
    { name: 'a limit with room for two connections per cluster says nothing', clusters: 1000, hardLimit: 20_000, warns: false },
    { name: 'ten thousand clusters under a hard limit of 20,000 are warned about', clusters: 10_000, hardLimit: 20_000, warns: true },
    { name: 'an unknown or unlimited limit says nothing', clusters: 10_000, hardLimit: undefined, warns: false },
  ];
  it.each(cases)('$name', ({ clusters, hardLimit, warns }) => {
    const warning = openFileLimitWarning({ clusters, hardLimit });
    if (warns) expect(warning).toMatch(new RegExp(`hard limit is ${String(hardLimit)}.*${clusters} agents`));
    else expect(warning).toBeUndefined();
  });
});
