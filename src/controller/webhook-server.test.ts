import { describe, expect, it } from 'vitest';
import { parseListenAddress } from './webhook-server.js';

const cases = [
  { name: 'host and port are split at the last colon', address: '127.0.0.1:8080', want: { host: '127.0.0.1', port: 8080 } },
  { name: 'port 0 asks for a free port', address: '127.0.0.1:0', want: { host: '127.0.0.1', port: 0 } },
  { name: 'a bare port listens on loopback', address: '9000', want: { host: '127.0.0.1', port: 9000 } },
  { name: 'an empty host listens on loopback', address: ':9000', want: { host: '127.0.0.1', port: 9000 } },
  { name: 'an IPv6 host loses its brackets', address: '[::1]:9000', want: { host: '::1', port: 9000 } },
];

describe('parseListenAddress', () => {
  it.each(cases)('$name', ({ address, want }) => {
    expect(parseListenAddress(address)).toEqual(want);
  });

  it.each(['host:http', '127.0.0.1:70000', 'x'])('"%s" is refused as not a host:port address', (address) => {
    expect(() => parseListenAddress(address)).toThrow(`"${address}" is not a host:port address`);
  });
});
