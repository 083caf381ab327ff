/**
 * src/cli/demo: what `flotilla up` and `flotilla demo` run in one process — an embedded hub
 * (API server, every hub controller), member clusters as logical clusters of that server
 * with agents joined through registration tokens, `examples/` served as a git repository
 * over smart HTTP, and the live view of a rollout (per-cluster progress, then the managed
 * namespaces by member cluster). Deciding what is ready and rendering it are pure functions
 * (rollout-state, progress-view, namespace-table); the rest is the thin shell that starts and
 * stops the pieces.
 */
export * from './git-http-server.js';
