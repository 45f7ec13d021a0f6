import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RestartOptions, restartServer, serialiser } from '../process/restart.js';
import { AetosApp, type AetosRequest } from './app.js';
import { handleTestRequest, TEST_PATH_PREFIX } from './control/test-endpoints.js';
import type { AetosFailureMode } from './failure.js';
import type { GatewayResponse } from './http/responses.js';
import { TokenValidator } from './keystone/token-validator.js';
import {
  type AetosGatewaySettings,
  type AetosVersion,
  normaliseGatewayOptions,
  type StartAetosGatewayOptions,
} from './options.js';
import { type AetosRequestRecord, RequestLog } from './records.js';

export interface RunningAetosGateway {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** baseUrl + prefix, e.g. url('/prometheus'): what a catalog entry holds. */
  url(prefix?: string): string;
  port: number;
  version: AetosVersion;
  projectLabel: string;
  /** Every Aetos request received (test endpoints excluded), oldest first. Never holds a token. */
  readonly requests: AetosRequestRecord[];
  /** A copy of `requests`. */
  records(): AetosRequestRecord[];
  /** Validation calls (GET /v3/auth/tokens) made to Keystone so far. */
  validations(): number;
  /** Forget the records and the validation count; `cache: true` also forgets validated tokens. */
  reset(options?: { cache?: boolean }): void;
  /** Simulate a Prometheus failure that cannot be produced for real here (see AetosFailureMode). */
  setFailure(mode: AetosFailureMode): void;
  /** Closes the server and its connections. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Closes the server, dropping the connections and the requests in flight (the in-process equivalent of a
   * kill: `signal` makes no difference), runs `whileDown`, then listens again on the same port with the
   * same records, validation cache and failure mode.
   */
  restart(options?: RestartOptions): Promise<void>;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function send(res: ServerResponse, response: GatewayResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/**
 * An in-process HTTP server on 127.0.0.1 that answers like Aetos 2.0 (or 1.0): it validates tokens against
 * the real Keystone with its own service credentials, applies Aetos' policy (rewriting a reader's query to its
 * project) and forwards instant queries to the real Prometheus. Resolves once it listens.
 */
export async function startAetosGateway(options: StartAetosGatewayOptions): Promise<RunningAetosGateway> {
  const settings: AetosGatewaySettings = normaliseGatewayOptions(options);
  const validator = new TokenValidator(
    settings.authUrl,
    settings.serviceUser,
    settings.validationCacheSeconds,
  );
  const app = new AetosApp(settings, validator);
  const log = new RequestLog();
  const testTarget = {
    records: () => log.records,
    validations: () => validator.validations,
    reset: ({ cache }: { cache: boolean }) => {
      log.clear();
      validator.resetValidationCount();
      if (cache) validator.clearCache();
    },
    setFailure: (mode: AetosFailureMode) => {
      app.failure = mode;
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const method = req.method ?? 'GET';
    req.resume(); // bodies are ignored, as Aetos' GET-only API ignores them
    if (settings.testEndpoints && url.pathname.startsWith(TEST_PATH_PREFIX)) {
      send(res, handleTestRequest(method, url.pathname, url.search.slice(1), testTarget));
      return;
    }
    const started = Date.now();
    const clientGone = new AbortController();
    res.once('close', () => {
      if (!res.writableEnded) clientGone.abort();
    });
    const request: AetosRequest = {
      method,
      path: url.pathname,
      search: url.search.slice(1),
      token: header(req, 'x-auth-token') ?? header(req, 'x-storage-token'),
      accept: header(req, 'accept'),
      signal: clientGone.signal,
    };
    const record: AetosRequestRecord = {
      at: new Date(started).toISOString(),
      method,
      path: url.pathname,
      prefix: null,
      params: {},
      tokenPresent: false,
      token: null,
      access: null,
      forwardedQuery: null,
      forwardedMatch: null,
      prometheusStatus: null,
      status: 0,
      durationMs: 0,
    };
    app
      .handle(request, record)
      .catch(
        (error: unknown): GatewayResponse => ({
          // a bug of the gateway, not an Aetos behaviour: say so plainly
          status: 500,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `aetos gateway internal error: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .then((response) => {
        record.status = response.status;
        record.durationMs = Date.now() - started;
        log.add(record);
        if (!res.destroyed) send(res, response);
      });
  });

  const listen = (port: number | undefined) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: port ?? 0 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(settings.port);
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const serialise = serialiser();
  let stopping: Promise<void> | undefined;

  return {
    baseUrl,
    url: (prefix = '') => `${baseUrl}${prefix}`,
    port,
    version: settings.version,
    projectLabel: settings.projectLabel,
    requests: log.records,
    records: () => [...log.records],
    validations: () => validator.validations,
    reset: (resetOptions = {}) => testTarget.reset({ cache: resetOptions.cache ?? false }),
    setFailure: testTarget.setFailure,
    stop() {
      stopping ??= serialise(close);
      return stopping;
    },
    restart(restartOptions) {
      return serialise(async () => {
        if (stopping) throw new Error('aetos gateway: restart() after stop()');
        await restartServer(close, () => listen(port), restartOptions);
      });
    },
  };
}
