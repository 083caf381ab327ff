/**
 * The embedded Kubernetes-compatible API server: composes the durable store, the logical
 * clusters, the REST and discovery handlers and the server's own controllers (namespaces,
 * CRDs, garbage collection, RBAC aggregation, token Secrets) behind one HTTPS listener that
 * authenticates and authorizes every request (see http/request-auth.ts). Start it with `ApiServer.start`, stop
 * it with `stop()`: in-flight writes finish and every watch is closed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { loadOrCreateAdminToken } from './auth/admin-token.js';
import { loadOrCreateServingPki } from './auth/pki.js';
import type { UserInfo } from './auth/user-info.js';
import { BuiltinSchemas } from './admission/builtin-schemas.js';
import { ManagedFieldsHook } from './admission/managed-fields-hook.js';
import { secretHook } from './admission/secret-hook.js';
import { TypeInfoCache } from './admission/type-info-cache.js';
import { ValidationHook } from './admission/validation-hook.js';
import { servedResources } from './openapi-resources.js';
import { OpenApiV3Cache, openApiV2Answer } from './openapi/index.js';
import { CrdLifecycle, crdHook } from './controllers/crd-lifecycle.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { NamespaceLifecycle, NAMESPACE_KEY, namespaceHook } from './controllers/namespace-lifecycle.js';
import { coreVersions, groupDocument, groupList, resourceList, versionInfo } from './discovery.js';
import { sendError, sendJson, sendRaw } from './http/respond.js';
import type { RequestAuth } from './http/request-auth.js';
import { createServerAuth } from './http/server-auth.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { CRD_KEY, LogicalClusters } from './logical-clusters.js';
import { ObjectService } from './rest/object-service.js';
import { parseRequestPath, type ParsedPath } from './rest/request-path.js';
import { RequestMetrics, requestVerb } from './request-metrics.js';
import { handleResource, resolveResource, type ExtensionHandler } from './rest/resource-handler.js';
import { ResourceHooks, type ResourceHook } from './rest/resource-hooks.js';
import type { WatchSettings } from './rest/read-handlers.js';
import { errors } from './status.js';
import { ObjectStore } from './storage/object-store.js';

export interface ApiServerOptions {
  dataDir: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: Logger;
  watch?: Partial<WatchSettings>;
  now?: () => Date;
  /** Events kept per cluster for watch resume at most; they are kept by time (5 minutes) below that. */
  historySize?: number;
  /** Serve plain HTTP instead of HTTPS (kubectl then sends no bearer token). */
  insecureHttp?: boolean;
  /** kube-apiserver's `--token-auth-file`: CSV `token,user,uid,"group1,group2"`, read at start. */
  tokenAuthFile?: string;
}

export class ApiServer {
  readonly clusters: LogicalClusters;
  private readonly service: ObjectService;
  private readonly hooks = new ResourceHooks();
  private readonly extensions: ExtensionHandler[] = [];
  private readonly controllers: Array<{ start(): void; stop(): Promise<void> }>;
  private auth: RequestAuth | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly watches = new Set<ServerResponse>();
  private http: Server | undefined;
  private adminToken = '';
  private caPem: string | undefined;
  private watchSettings: WatchSettings;
  private readonly types = new TypeInfoCache();
  private readonly openapi = new Map<string, OpenApiV3Cache>();
  private readonly builtinSchemas = new BuiltinSchemas();
  /** Requests and body bytes, served at /metrics (what the scale benchmark reads). */
  readonly requestMetrics = new RequestMetrics();
  url = '';

  private constructor(
    private readonly options: ApiServerOptions,
    readonly store: ObjectStore,
  ) {
    const now = options.now ?? (() => new Date());
    this.service = new ObjectService({ store, hooks: this.hooks, now });
    this.clusters = new LogicalClusters(store);
    this.watchSettings = { maxBacklogBytes: 16 * 1024 * 1024, bookmarkIntervalMs: 60_000, ...options.watch };
    this.hooks.add(namespaceHook, NAMESPACE_KEY);
    this.hooks.add(crdHook, CRD_KEY);
    this.hooks.add(secretHook, '/secrets');
    this.hooks.add(new ValidationHook(this.builtinSchemas));
    this.hooks.add(new ManagedFieldsHook(this.types));
    const onError = (err: unknown) => options.logger.error({ err }, 'api server controller failed');
    this.controllers = [
      new NamespaceLifecycle(store, this.service, this.clusters, onError),
      new CrdLifecycle(store, this.service, this.clusters, onError),
      new GarbageCollector(store, this.service, this.clusters, onError),
    ];
  }

  static async start(options: ApiServerOptions): Promise<ApiServer> {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const store = new ObjectStore({
      dataDir: options.dataDir,
      historySize: options.historySize,
      onError: (err) => options.logger.error({ err }, 'snapshot failed'),
    });
    await store.open();
    const server = new ApiServer(options, store);
    await server.boot();
    return server;
  }

  /** Adds behaviour to a resource's writes (`group/plural`), or to all with no key. */
  addHook(hook: ResourceHook, resourceKey?: string): void {
    this.hooks.add(hook, resourceKey);
  }

  /** Adds a handler for requests the generic REST handler does not serve (e.g. PATCH). */
  addExtension(handler: ExtensionHandler): void {
    this.extensions.unshift(handler);
  }

  /** The CA that signed the serving certificate (undefined with insecureHttp). */
  get ca(): string | undefined {
    return this.caPem;
  }

  get objects(): ObjectService {
    return this.service;
  }

  /** Creates a logical cluster served under `/clusters/<name>` (idempotent). */
  async createCluster(name: string): Promise<void> {
    await this.clusters.ensure(name, this.service);
  }

  /** Creates many logical clusters at once (idempotent): their writes share the log's group commits. */
  async createClusters(names: readonly string[]): Promise<void> {
    await this.clusters.ensureAll(names, this.service);
  }

  /** The admin kubeconfig of a logical cluster ('' for the root). */
  kubeconfig(cluster = ''): string {
    const server = cluster ? `${this.url}/clusters/${cluster}` : this.url;
    return kubeconfigYaml({ name: cluster || 'flotilla', server, token: this.adminToken, caPem: this.caPem });
  }

  async writeKubeconfig(file: string, cluster = ''): Promise<void> {
    await writeFile(file, this.kubeconfig(cluster), { mode: 0o600 });
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
    for (const res of this.watches) res.end();
    await Promise.allSettled([...this.inFlight]);
    this.http?.closeAllConnections();
    await closed;
    for (const c of this.controllers) await c.stop();
    await this.store.close();
  }

  private async boot(): Promise<void> {
    this.adminToken = await loadOrCreateAdminToken({ dataDir: this.options.dataDir });
    const hosts = this.options.host && this.options.host !== '0.0.0.0' ? [this.options.host] : [];
    const pki = this.options.insecureHttp ? undefined : await loadOrCreateServingPki({ dataDir: this.options.dataDir, hosts });
    this.caPem = pki?.caPem;
    await this.wireAuth();
    this.clusters.load();
    // Every cluster gets the default RBAC policy back on start if it was deleted.
    await this.clusters.ensureAll(['', ...this.clusters.names()], this.service);
    for (const c of this.controllers) c.start();
    const listener = (req: IncomingMessage, res: ServerResponse) => this.track(req, res);
    this.http = pki ? createHttpsServer({ cert: pki.certPem, key: pki.keyPem }, listener) : createServer(listener);
    this.http.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.http!.once('error', reject);
      this.http!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const addr = this.http.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.url = `${this.options.insecureHttp ? 'http' : 'https'}://${host}:${addr.port}`;
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    const work = this.serve(req, res)
      .catch((err: unknown) => {
        if (!(err instanceof Error && err.name === 'StatusError')) this.options.logger.error({ err, method: req.method, path: req.url }, 'request failed');
        sendError(res, err);
      })
      .finally(() => {
        this.inFlight.delete(work);
        // Built only when debug is on: the record was made (and dropped) for every request.
        if (this.options.logger.isLevelEnabled('debug')) {
          this.options.logger.debug({ method: req.method, path: req.url?.split('?')[0], code: res.statusCode, ms: Date.now() - started }, 'request');
        }
      });
    this.inFlight.add(work);
  }

  /**
   * Parses the request's URL and path once, for the request counter and the handler alike
   * (each parsed it before). A path that cannot be parsed, such as a malformed %-escape, is
   * still counted and is answered 400 instead of throwing out of the HTTP server's listener.
   */
  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request: { url: URL; parsed: ParsedPath };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      request = { url, parsed: parseRequestPath(url.pathname) };
    } catch (err) {
      this.countRequest(req, res, undefined);
      throw err;
    }
    this.countRequest(req, res, request);
    await this.handle(req, res, request.parsed, request.url);
  }

  private countRequest(req: IncomingMessage, res: ServerResponse, request: { url: URL; parsed: ParsedPath } | undefined): void {
    const target = request?.parsed.target;
    const resource = target?.kind === 'resource' ? target : undefined;
    const watch = /^(true|1)$/.test(request?.url.searchParams.get('watch') ?? '');
    const verb = requestVerb(req.method ?? 'GET', { named: !resource || resource.name !== undefined, watch });
    this.requestMetrics.track(req, res, { verb, resource: resource?.plural ?? '', ...(resource?.subresource ? { subresource: resource.subresource } : {}) });
  }

  /** OpenAPI v3 documents of one logical cluster, rebuilt only when its resources change. */
  private openApiFor(cluster: string) {
    let cache = this.openapi.get(cluster);
    if (!cache) {
      cache = new OpenApiV3Cache(() => this.builtinSchemas.all);
      this.openapi.set(cluster, cache);
    }
    return cache.documentsFor(servedResources(this.clusters.get(cluster)!.registry));
  }

  /** Authentication, RBAC and what hangs off them: hooks, review and token APIs, controllers. */
  private async wireAuth(): Promise<void> {
    const { dataDir, tokenAuthFile, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    const auth = await createServerAuth({ dataDir, tokenAuthFile, logger, now, adminToken: this.adminToken, caPem: this.caPem, store: this.store, service: this.service, clusters: this.clusters });
    this.auth = auth.requestAuth;
    for (const { hook, resourceKey } of auth.hooks) this.hooks.add(hook, resourceKey);
    for (const extension of auth.extensions) this.addExtension(extension);
    // The policy cache first: it must see the default RBAC objects the clusters are given next.
    this.controllers.unshift(auth.policies, ...auth.controllers);
    auth.policies.start();
  }

  private async handle(req: IncomingMessage, res: ServerResponse, parsed: ParsedPath, url: URL): Promise<void> {
    if (!this.auth) throw errors.unauthorized();
    const { user } = await this.auth.admit(req, parsed.cluster, url);
    const cluster = this.clusters.get(parsed.cluster);
    if (!cluster) throw errors.pathNotFound();
    await this.dispatch(req, res, parsed, url, user);
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, parsed: ParsedPath, url: URL, user: UserInfo): Promise<void> {
    const registry = this.clusters.get(parsed.cluster)!.registry;
    const t = parsed.target;
    switch (t.kind) {
      case 'version':
        return sendJson(res, 200, versionInfo());
      case 'healthz':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      case 'metrics':
        return sendRaw(res, 200, this.requestMetrics.prometheusText(), 'text/plain; version=0.0.4');
      case 'api':
        return sendJson(res, 200, coreVersions(req.headers.host ?? ''));
      case 'apis':
        return sendJson(res, 200, groupList(registry));
      case 'group': {
        const doc = groupDocument(registry, t.group);
        if (!doc) throw errors.pathNotFound();
        return sendJson(res, 200, doc);
      }
      case 'group-version': {
        const doc = resourceList(registry, t.group, t.version);
        if (!doc) throw errors.pathNotFound();
        return sendJson(res, 200, doc);
      }
      case 'openapi-v2': {
        const answer = openApiV2Answer();
        return sendJson(res, answer.code, answer.body);
      }
      case 'openapi-v3':
        return sendJson(res, 200, this.openApiFor(parsed.cluster).index);
      case 'openapi-v3-doc': {
        const doc = this.openApiFor(parsed.cluster).documents.get(t.path);
        if (!doc) throw errors.pathNotFound();
        return sendRaw(res, 200, doc.json);
      }
      case 'resource': {
        const resource = resolveResource(registry, t);
        const isWatch = req.method === 'GET' && !t.name && /^(true|1)$/.test(url.searchParams.get('watch') ?? '');
        if (isWatch) {
          this.watches.add(res);
          res.on('close', () => this.watches.delete(res));
        }
        const deps = { store: this.store, service: this.service, watch: this.watchSettings, extensions: this.extensions, types: this.types };
        return handleResource({ req, res, cluster: parsed.cluster, path: t, resource, query: url.searchParams, user }, deps);
      }
      default:
        throw errors.pathNotFound();
    }
  }
}
