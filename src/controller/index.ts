/**
 * src/controller: the reconcilers that turn GitRepos into Bundles and Contents on the hub
 * (gitrepo/, content/), the hub's bootstrap (bootstrap/), the webhook endpoint, and
 * `startController`, which composes them into the `flotilla controller` process. Decisions
 * are pure functions (planBundles, gitRepoStatus, unreferencedContents); the reconcilers read
 * from src/kube's caches and write with server-side apply as `flotilla-controller`.
 * targeting/ and status/ (Bundle → BundleDeployments, status aggregation) are separate.
 */
export * from './bootstrap/index.js';
export * from './content/index.js';
export { startController, type ControllerOptions, type RunningController } from './controller.js';
export { startHubControllers, type HubControllers, type HubControllersOptions } from './hub-controllers.js';
export { FIELD_MANAGER } from './field-manager.js';
export * from './gitrepo/index.js';
export { WEBHOOK_SECRET_NAME, parseListenAddress, startWebhookServer, type WebhookServer, type WebhookServerOptions } from './webhook-server.js';
