import { describe, expect, it } from 'vitest';
import { advertisesThinPack, declareHaves, requestThinPack } from './thin-pack.js';

function pkt(text: string): string {
  return (text.length + 4).toString(16).padStart(4, '0') + text;
}

const oid = 'a'.repeat(40);
const v1Advertisement = (capabilities: string) => pkt('# service=git-upload-pack\n') + '0000' + pkt(`${oid} HEAD\0${capabilities}\n`);

const advertisements = [
  { name: 'a v1 advertisement listing thin-pack offers it', body: v1Advertisement('multi_ack thin-pack side-band-64k shallow'), expected: true },
  { name: 'a v1 advertisement without thin-pack does not offer it', body: v1Advertisement('multi_ack side-band-64k shallow'), expected: false },
  { name: 'a v2 advertisement offers nothing this way', body: pkt('# service=git-upload-pack\n') + '0000' + pkt('version 2\n'), expected: false },
  { name: 'an advertisement cut before its first ref line is not known yet', body: v1Advertisement('thin-pack').slice(0, 40), expected: undefined },
];

const requests = [
  {
    name: 'thin-pack is added to the first want line, with its length',
    body: pkt(`want ${oid} multi_ack ofs-delta\n`) + pkt(`want ${'b'.repeat(40)}\n`) + '0000' + pkt('done\n'),
    expected: pkt(`want ${oid} multi_ack ofs-delta thin-pack\n`) + pkt(`want ${'b'.repeat(40)}\n`) + '0000' + pkt('done\n'),
  },
  { name: 'a request already asking for thin packs is left as is', body: pkt(`want ${oid} thin-pack\n`) + '0000', expected: pkt(`want ${oid} thin-pack\n`) + '0000' },
  { name: 'a protocol v2 command is left as is', body: pkt('command=fetch\n') + '0001' + pkt(`want ${oid}\n`) + '0000', expected: pkt('command=fetch\n') + '0001' + pkt(`want ${oid}\n`) + '0000' },
  { name: 'a malformed body is left as is', body: 'zzzz', expected: 'zzzz' },
];

describe('thin packs', () => {
  it.each(advertisements)('$name', ({ body, expected }) => {
    expect(advertisesThinPack(Buffer.from(body))).toBe(expected);
  });

  it.each(requests)('$name', ({ body, expected }) => {
    expect(requestThinPack(Buffer.from(body)).toString()).toBe(expected);
  });
});

describe('declareHaves', () => {
  const b = 'b'.repeat(40);
  const c = 'c'.repeat(40);
  const fetchBody = (haves: string[]) => pkt(`want ${oid} thin-pack\n`) + pkt(`shallow ${b}\n`) + pkt('deepen 1\n') + '0000' + haves.map((h) => pkt(`have ${h}\n`)).join('') + pkt('done\n');
  const cases = [
    { name: 'the cache\'s other commits are declared before done', body: fetchBody([b]), haves: [b, c], expected: fetchBody([b, c]) },
    { name: 'a fresh cache that offers no have gets the declared ones', body: fetchBody([]), haves: [c], expected: fetchBody([c]) },
    { name: 'nothing to declare leaves the request as it was', body: fetchBody([b]), haves: [b], expected: fetchBody([b]) },
    { name: 'what is not a full object id is never sent', body: fetchBody([b]), haves: ['nope', `${c}\n`], expected: fetchBody([b]) },
    { name: 'a request without done (not a v1 fetch) is left alone', body: pkt('command=ls-refs\n') + '0000', haves: [c], expected: pkt('command=ls-refs\n') + '0000' },
  ];
  it.each(cases)('$name', ({ body, haves, expected }) => {
    expect(declareHaves(Buffer.from(body), haves).toString('utf8')).toBe(expected);
  });
});
