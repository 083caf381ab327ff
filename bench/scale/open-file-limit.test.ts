import { describe, expect, it } from 'vitest';
import { processOpenFileLimit } from './open-file-limit.js';

describe('processOpenFileLimit', () => {
  it('reads the hard limit a child shell sees as a positive whole number (or undefined when unlimited)', async () => {
    const limit = await processOpenFileLimit();
    if (limit !== undefined) expect(Number.isInteger(limit) && limit > 0).toBe(true);
    else expect(limit).toBeUndefined();
  });
});
