/**
 * Plumbing the benchmarks share: child processes that are always stopped, cleanup on any
 * exit, free loopback ports, a keep-alive HTTPS JSON client with line-delimited streams,
 * /proc CPU and memory readings, and progress on stderr.
 */
export { CleanupStack, type CleanupStep } from './cleanup-stack.js';
export { startChild, type ChildOptions, type RunningChild } from './child-process.js';
export { freePort } from './free-port.js';
export { HttpsJson, type Answer, type HttpsJsonOptions, type LineStream } from './https-json.js';
export { LineSplitter } from './line-splitter.js';
export { processUsage, cpuTicksFromStat, residentBytesFromStatus, type ProcessUsage } from './process-usage.js';
export { Progress, type ProgressOptions } from './progress.js';
