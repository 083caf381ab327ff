import { describe, expect, it } from 'vitest';
import { BundleError } from './bundle-error.js';
import { parseYamlDocuments } from './safe-yaml.js';

function reasonOf(text: string): string | undefined {
  try {
    parseYamlDocuments(text, { file: 'app/deep.yaml' });
    return undefined;
  } catch (err) {
    return err instanceof BundleError ? `${err.reason}: ${err.message}` : `not a BundleError: ${String(err)}`;
  }
}

describe('parseYamlDocuments on deeply nested input', () => {
  const cases = [
    { name: 'block maps 100 levels deep are refused by the depth limit', text: Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n') + ' x\n', reason: /^TooDeep/ },
    { name: 'flow maps 5,000 levels deep are refused as TooDeep, not as a stack overflow', text: `data: ${'{a: '.repeat(5_000)}x${'}'.repeat(5_000)}\n`, reason: /^TooDeep: .*YAML is nested too deeply/ },
    { name: 'flow lists 20,000 levels deep are refused as TooDeep', text: `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, reason: /^TooDeep/ },
  ];
  it.each(cases)('$name', ({ text, reason }) => {
    expect(reasonOf(text)).toMatch(reason);
  });
});
