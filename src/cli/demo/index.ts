/**
 * src/cli/demo: what `flotilla up` and `flotilla demo` run in one process — an embedded hub
 * (API server, every hub controller), member clusters as logical clusters of that server
 * with agents joined through registration tokens (or, for `up`, the hub-installed agent of
 * Cluster `local`), the examples served as git repositories over smart HTTP, and the live
 * view of a rollout (per-cluster progress, then the managed namespaces by member cluster).
 * Deciding what is ready and rendering it are pure functions (rollout-state, progress-view,
 * namespace-table, example-repos' withDemoRepo, demo-objects); the rest is the thin shell
 * that starts and stops the pieces. The git smart-HTTP server here is also the tests' one.
 */
export { demoGitRepo, demoMembers, DEMO_GITREPO, DEMO_LABEL } from './demo-objects.js';
export { startDemoSession, type DemoSession, type DemoSessionOptions } from './demo-session.js';
export { startEmbeddedHub, type EmbeddedHub, type EmbeddedHubOptions } from './embedded-hub.js';
export { exampleRepos, withDemoRepo, type ExampleRepo } from './example-repos.js';
export { commitFolderToBareRepo, type ExamplesRepo } from './examples-repo.js';
export * from './git-http-server.js';
export { startHubControllers, type HubControllers, type HubControllersOptions } from '../../controller/hub-controllers.js';
export { startLocalAgent, type LocalAgent } from './local-agent.js';
export { joinMembers, type JoinOptions, type MemberSpec } from './member-agents.js';
export { namespaceTable } from './namespace-table.js';
export { packageRoot } from './package-root.js';
export { ProgressDisplay, progressLines } from './progress-view.js';
export { readRollout, type RolloutScope } from './read-rollout.js';
export { createRegistrationToken, type TokenRequest } from './registration-token.js';
export { rolloutState, type BundleNote, type ClusterProgress, type RolloutInput, type RolloutState } from './rollout-state.js';
export { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_READY, runDemo, type DemoRunOptions, type OutputStream } from './run-demo.js';
export { nextSteps, runUp, type UpOptions } from './run-up.js';
