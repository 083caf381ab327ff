/**
 * The servers a benchmark starts and measures, each a separate process on 127.0.0.1 with
 * its own temporary data directory, behind one WriteTarget interface: Flotilla's API server
 * (through the real CLI) and etcd (Debian's etcd-server, when installed).
 */
export { startFlotilla, type FlotillaPeerOptions } from './flotilla.js';
export { findEtcd, installEtcdHint, prefixEnd, startEtcd, type EtcdBinary, type EtcdPeerOptions } from './etcd.js';
export type { WatchHandle, WriteTarget } from './write-target.js';
