import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

const cases: Array<{ name: string; chunks: Array<string | Buffer>; lines: string[] }> = [
  { name: 'a chunk holding two whole lines yields both', chunks: ['{"a":1}\n{"b":2}\n'], lines: ['{"a":1}', '{"b":2}'] },
  { name: 'a line split across chunks is yielded once complete', chunks: ['{"a"', ':1}', '\n'], lines: ['{"a":1}'] },
  { name: 'an unfinished last line is held back', chunks: ['one\ntw'], lines: ['one'] },
  { name: 'blank lines and carriage returns are dropped', chunks: ['one\r\n\n\ntwo\n'], lines: ['one', 'two'] },
  {
    name: 'a multi-byte character split between chunks is decoded whole',
    chunks: [Buffer.from([0x22, 0xc3]), Buffer.from([0xa9, 0x22, 0x0a])],
    lines: ['"é"'],
  },
];

describe('LineSplitter', () => {
  it.each(cases)('$name', ({ chunks, lines }) => {
    const splitter = new LineSplitter();
    expect(chunks.flatMap((chunk) => splitter.push(chunk))).toEqual(lines);
  });
});
