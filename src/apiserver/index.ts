/**
 * The embedded Kubernetes-compatible API server: durable storage, REST, watch, discovery,
 * CRDs and validation, patches and server-side apply, authentication and RBAC. Real kubectl
 * and @kubernetes/client-node talk to it over HTTP as to any cluster; one process can host
 * many logical clusters under `/clusters/<name>`.
 */
export { ApiServer, type ApiServerOptions } from './api-server.js';
export { kubeconfigYaml } from './kubeconfig.js';
export { StatusError, errors } from './status.js';
