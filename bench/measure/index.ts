/**
 * How the benchmarks measure: closed-loop concurrent writers, sequential write-to-watch
 * latency, the payload every peer stores, and percentiles. Knows nothing of which peer it
 * measures beyond the WriteTarget interface.
 */
export { runConcurrently, type ConcurrentOptions, type ConcurrentRun } from './run-concurrently.js';
export { measureWatchLatency, type WatchLatencyOptions, type WatchLatencyRun } from './watch-latency.js';
export { configMapBody, pseudoRandomText } from './payload.js';
export { percentile, summarize, type Summary } from './summary.js';
export { measurePeers, shares, turnOrder, type MeasurePlan, type PeerMeasurement, type PeerNotMeasured } from './measure-peers.js';
