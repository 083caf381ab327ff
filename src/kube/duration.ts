/** Durations live in src/api so every layer shares one type; re-exported here for this folder. */
export { Duration, type DurationLike } from '../api/duration.js';
