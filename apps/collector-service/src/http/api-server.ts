import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { redactText } from '../service/logger.js';
import type { Storage } from '../storage/storage.js';
import { ALLOW_ALL, ApiAccess, type PolicyDecision } from './access.js';
import { type ApiLogger, type ApiRequest, type ApiResponse, jsonResponse } from './api-types.js';
import { HttpError } from './errors/http-error.js';
import type { HealthCheck } from './health.js';
import type { ServiceMetrics } from './metrics.js';
import { readJsonBody } from './request-body.js';
import { type Authenticate, NOAUTH_CONTEXT } from './request-context.js';
import { Router } from './router.js';
import { getDataframesRoute, postDataframesRoute } from './routes/dataframes.js';
import { healthzRoute } from './routes/healthz.js';
import { metricsRoute } from './routes/metrics.js';
import {
  getScopeRoute,
  patchScopeRoute,
  postScopeRoute,
  putScopeRoute,
  type ScopeSource,
} from './routes/scope/index.js';
import { summaryRoute } from './routes/summary.js';
import { versionsRoute } from './routes/versions.js';

export const DEFAULT_API_HOST = '127.0.0.1';

export interface ApiServerOptions {
  storage: Storage;
  metrics: ServiceMetrics;
  health: HealthCheck;
  logger?: ApiLogger;
  /** What /v2/scope reports as each scope's scope_key, fetcher and collector. */
  scopeSource?: ScopeSource;
  /** `[collect] period` in seconds: summary time buckets, and where a reset makes the loop resume. */
  periodSeconds: number;
  /** Clock for the default `begin`/`end` of /v2/dataframes (the current month). */
  now?: () => Date;
  /** Largest request body taken (POST /v2/dataframes); default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * Who asks (`auth_strategy = keystone`: the Keystone token validator). Default: everyone is admin, as
   * CloudKitty's noauth.
   */
  authenticate?: Authenticate;
  /** CloudKitty's policy, rule by rule (`[oslo_policy]`). Default: everything allowed (noauth). */
  policy?: PolicyDecision;
  /** PEM certificate (chain) and key: the API over HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** Paths answered without authentication: version discovery, health and metrics (no project data). */
const PUBLIC_PATHS = new Set(['/', '/healthz', '/metrics']);

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ApiServer {
  /** Starts listening (default 127.0.0.1; port 0 picks a free one) and resolves with the base URL. */
  listen(host?: string, port?: number): Promise<{ url: string }>;
  /** Stops accepting connections, lets requests in flight finish, closes idle keep-alive connections. */
  close(): Promise<void>;
  /** The underlying node:http server (its address, timeouts). */
  readonly server: Server;
}

/**
 * The service's HTTP API on node:http: CloudKitty's v2 API (GET /, /v2/dataframes, /v2/summary,
 * /v2/scope), /healthz and /metrics. Errors are JSON `{"message": "…"}` with their status (400 bad
 * parameter or body, 404 unknown path or no match, 405 other method with `Allow`, 409 a conflicting
 * period, 413 a body too large, 500 unexpected; the latter logged, never detailed).
 */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const now = options.now ?? (() => new Date());
  const source = options.scopeSource ?? {};
  const scopeKey = source.scopeKey ?? 'project_id';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const authenticate = options.authenticate ?? (async () => NOAUTH_CONTEXT);
  const access = new ApiAccess(options.policy ?? ALLOW_ALL, scopeKey);
  // CloudKitty's target for these rules is the caller's own project (api/v2/*: `{'project_id': …}`).
  const router = new Router((rule, request) =>
    access.authorize(rule, request.context, { project_id: request.context.projectId }),
  )
    .get('/', versionsRoute(options.tls === undefined ? 'http' : 'https'))
    .route(
      '/v2/summary',
      { GET: summaryRoute(options.storage, options.periodSeconds, now, access) },
      {
        GET: 'summary:get_summary',
      },
    )
    .route(
      '/v2/dataframes',
      {
        GET: getDataframesRoute(options.storage, now, access),
        POST: postDataframesRoute(options.storage, scopeKey),
      },
      { GET: 'dataframes:get', POST: 'dataframes:add' },
    )
    .route(
      '/v2/scope',
      {
        GET: getScopeRoute(options.storage, source),
        PUT: putScopeRoute(options.storage, source, options.periodSeconds),
        PATCH: patchScopeRoute(options.storage, source),
        POST: postScopeRoute(options.storage, source),
      },
      {
        GET: 'scope:get_state',
        PUT: 'scope:reset_state',
        PATCH: 'scope:patch_state',
        POST: 'scope:post_state',
      },
    )
    .get('/healthz', healthzRoute(options.health))
    .get('/metrics', metricsRoute(options.metrics));
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    void handle(router, request, response, options.logger, maxBodyBytes, authenticate);
  };
  const server =
    options.tls === undefined ? createServer(serve) : createHttpsServer({ ...options.tls }, serve);
  const scheme = options.tls === undefined ? 'http' : 'https';

  return {
    server,
    listen(host = DEFAULT_API_HOST, port = 0) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const address = server.address();
          if (address === null || typeof address === 'string') {
            reject(new Error(`HTTP API is not listening on TCP (${String(address)})`));
            return;
          }
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `${scheme}://${shownHost}:${address.port}` });
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}

async function handle(
  router: Router,
  request: IncomingMessage,
  response: ServerResponse,
  logger: ApiLogger | undefined,
  maxBodyBytes: number,
  authenticate: Authenticate,
): Promise<void> {
  const started = performance.now();
  const method = request.method ?? 'GET';
  let answer: ApiResponse;
  let path = request.url ?? '/';
  try {
    // The host does not matter: only the path and the query are routed.
    const url = new URL(request.url ?? '/', 'http://localhost');
    path = url.pathname;
    let body: Promise<unknown> | undefined;
    const json = () => {
      body ??= readJsonBody(request, maxBodyBytes);
      return body;
    };
    // CloudKitty's pipeline puts keystonemiddleware before every v2 route; health and metrics stay open.
    const context = PUBLIC_PATHS.has(path) ? NOAUTH_CONTEXT : await authenticate(request.headers);
    answer = await router.dispatch({
      method,
      url,
      headers: request.headers,
      json,
      context,
    } satisfies ApiRequest);
  } catch (error) {
    if (error instanceof HttpError) {
      // A 503 is the service's trouble (Keystone cannot validate tokens): the operator needs its cause.
      if (error.status >= 500 && error.cause !== undefined) {
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        logger?.error({ method, path, cause: redactText(cause) }, `HTTP API answered ${error.status}`);
      }
      answer = jsonResponse(error.status, error.body, error.headers);
    } else {
      logger?.error({ err: error, method, path }, 'HTTP API request failed');
      answer = jsonResponse(500, { message: 'Internal error (see the service log)' });
    }
  }
  response.writeHead(answer.status, {
    'content-type': answer.contentType,
    'cache-control': 'no-store',
    ...answer.headers,
  });
  response.end(answer.body);
  // A body no route read (a GET with one, a refused request) is drained so that keep-alive still works.
  if (!request.complete) request.resume();
  logger?.debug(
    { method, path, status: answer.status, ms: Math.round(performance.now() - started) },
    'HTTP API request',
  );
}
