/** What the parent asks one child process to measure, and what it reports back (over the IPC channel). */

/**
 * per-scope / batched: our collector; raw-*: the same query strings with plain fetch over a keep-alive
 * undici Agent and the same request headers as our client, body read as text, no parsing (the raw
 * floor); raw-undici-per-scope: the same with undici's request() instead of fetch (no WHATWG fetch
 * machinery): the HTTP floor below that; raw-gzip-per-scope: plain fetch with its default headers, which
 * ask for gzip (what a client that leaves fetch's defaults pays; not measured by default).
 */
export type Mode =
  | 'per-scope'
  | 'batched'
  | 'raw-per-scope'
  | 'raw-batched'
  | 'raw-undici-per-scope'
  | 'raw-gzip-per-scope';

export type Backend =
  | { kind: 'prometheus'; apiUrl: string }
  | {
      kind: 'aetos';
      authUrl: string;
      username: string;
      password: string;
      projectName: string;
      /** `[collector_aetos]` interface and region, looked up in Keystone's catalog. */
      interface: 'public' | 'internal' | 'admin';
      regionName: string;
    };

export interface ChildSpec {
  mode: Mode;
  backend: Backend;
  metricsYmlPath: string;
  /** JSON file: the scope ids (project ids), in order. */
  scopesPath: string;
  start: string;
  end: string;
  concurrency: number;
  /** Timed runs after the warm-up. */
  runs: number;
  /** Queries of the warm-up (the first ones of a run); a whole run when it is larger. */
  warmupQueries: number;
  /** Data points a run must give (our modes check it). */
  expectedPoints: number;
  /**
   * Our modes keep every data point of a run until it ends (as a caller building the whole period's frames
   * before one transaction does); otherwise each answer is dropped once counted.
   */
  retainPoints: boolean;
  /** Processes whose CPU time counts as the server's (Linux /proc): Prometheus, the gateway's. */
  serverPids: number[];
  /** Write a CPU profile of the first timed run here (node:inspector, warm-up excluded). */
  profilePath?: string;
}

export interface RunFigures {
  wallMs: number;
  /** HTTP requests to …/api/v1/query during the run (counted on undici's diagnostics channel). */
  queries: number;
  /** Data points produced (ours), or the expected count (raw: nothing is parsed). */
  points: number;
  /** Response body characters read (raw modes only; 0 for ours). */
  bodyChars: number;
  /** CPU time of this process (the client) during the run, user + system. */
  clientCpuMs: number;
  /** CPU time of the servers during the run: Prometheus, plus the Aetos gateway (the parent) when used. */
  serverCpuMs: number;
}

export type ChildResult =
  | {
      ok: true;
      mode: Mode;
      runs: RunFigures[];
      warmupMs: number;
      /** process.resourceUsage().maxRSS at the end, in KiB. */
      maxRssKiB: number;
      /** Largest V8 heapUsed seen (sampled every 10 ms), in KiB. */
      peakHeapUsedKiB: number;
      /** Keystone token requests (POST …/auth/tokens) over the child's life: warm-up and runs. */
      tokenRequests: number;
      /** Session.authentications at the end (Aetos only). */
      authentications: number | undefined;
      /**
       * Batched mode: the rating types `fetchAllBatched` queries per scope, by key, with the collector's
       * `batchFallbackReason` (empty when none falls back).
       */
      batchFallbacks?: Record<string, string>;
    }
  | { ok: false; mode: Mode; error: string };
