import { Agent, type Dispatcher } from 'undici';

export type { Dispatcher };

/** Contents (not paths: see readTlsFiles) of the TLS material a pool connects with. */
export interface TlsOptions {
  /** PEM bundle of the CAs to trust instead of the system's. */
  ca?: string | Buffer | undefined;
  /** Client certificate and key (PEM), for servers that ask for one. */
  cert?: string | Buffer | undefined;
  key?: string | Buffer | undefined;
  /** False skips certificate verification (`insecure`). Default true. */
  rejectUnauthorized?: boolean | undefined;
}

export interface DispatcherOptions {
  /** Open connections kept per origin at most. Default 10. */
  connections?: number | undefined;
  /**
   * How long an idle connection is kept for the next request, unless the server's `Keep-Alive: timeout`
   * says less. Default 4 s: under Node's and most servers' own idle limit (5 s), so a request is never
   * sent on a socket the server is closing.
   */
  keepAliveTimeoutMs?: number | undefined;
  tls?: TlsOptions | undefined;
}

/**
 * The keep-alive connection pool every kitty-collect client sends through (an undici 6 Agent, the undici
 * of Node 20's own fetch, so one version of it runs in the process). Its timing is the same for every
 * client: undici's header and body timers are off, because `sendRequest`'s deadline, which covers the
 * body too, is the single clock — a timeout always reads the same to the caller, whichever phase it hit.
 * Connecting is bounded by undici's connect timeout (10 s) inside that deadline.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const tls = options.tls ?? {};
  return new Agent({
    connections: options.connections ?? 10,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: {
      rejectUnauthorized: tls.rejectUnauthorized ?? true,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(tls.cert === undefined ? {} : { cert: tls.cert }),
      ...(tls.key === undefined ? {} : { key: tls.key }),
    },
  });
}
