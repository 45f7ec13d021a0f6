import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { redactText } from '../service/logger.js';

export interface ServiceMetricsOptions {
  /**
   * The `collector` label of the queries counted by `collectionSucceeded` (`prometheus` or `aetos`, as
   * `[collect] collector`). Default `prometheus`.
   */
  collector?: string;
  /** Node.js process metrics (CPU, memory, event loop lag, GC, handles) on the same registry. Default true. */
  processMetrics?: boolean;
}

/** Causes the orchestrator reports; listed so their series exist (at 0) before the first failure. */
const KNOWN_FAILURE_CAUSES = ['collect', 'internal'] as const;

/**
 * Storage calls counted by `storageFailed`, listed so their series exist (at 0) before the first failure:
 * a period's commit, a failure's record, a lease's take or renewal, /healthz's ping, a read for the API.
 */
export const STORAGE_OPERATIONS = ['commit', 'record-failure', 'lease', 'ping', 'read'] as const;

/**
 * Seconds to collect one (scope, period): every rating type's query plus the commit. From a local
 * Prometheus in tens of milliseconds to a slow Aetos behind Keystone in minutes.
 */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The service's own Prometheus metrics (label values redacted as log text: never a URL's userinfo or query,
 * never a token), on a registry of its own (never prom-client's global default
 * registry: two services, or two tests, in one process must not share counters). The methods are what the
 * collection loop calls; they ignore impossible values (negative, NaN) rather than throw, because a
 * metric must never fail a collection.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly collector: string;
  readonly #collections: Counter<'result'>;
  readonly #failures: Counter<'cause'>;
  readonly #duration: Histogram;
  readonly #points: Counter;
  readonly #queries: Counter<'collector'>;
  readonly #periodsStored: Counter;
  readonly #scopesHeld: Gauge;
  readonly #replicas: Gauge;
  readonly #leaseTakeovers: Counter;
  readonly #storageErrors: Counter<'operation'>;

  constructor(options: ServiceMetricsOptions = {}) {
    this.collector = redactText(options.collector ?? 'prometheus');
    const registers = [this.registry];
    this.#collections = new Counter({
      name: 'kitty_collect_collections_total',
      help: 'Collections of one (scope, period), by result (success: stored; failure: nothing stored, retried later)',
      labelNames: ['result'],
      registers,
    });
    this.#failures = new Counter({
      name: 'kitty_collect_collection_failures_total',
      help: 'Failed collections of one (scope, period), by cause (collect: the backend; internal: kitty-collect or its storage)',
      labelNames: ['cause'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'kitty_collect_collection_duration_seconds',
      help: 'Time to collect and store one (scope, period)',
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.#points = new Counter({
      name: 'kitty_collect_points_total',
      help: 'Data points stored',
      registers,
    });
    this.#queries = new Counter({
      name: 'kitty_collect_queries_total',
      help: 'Queries sent to the metrics backend, by collector',
      labelNames: ['collector'],
      registers,
    });
    this.#periodsStored = new Counter({
      name: 'kitty_collect_periods_stored_total',
      help: 'Dataframes of one (scope, period) committed to storage',
      registers,
    });
    this.#scopesHeld = new Gauge({
      name: 'kitty_collect_scopes_held',
      help: 'Scopes this replica holds a lease on now (collects)',
      registers,
    });
    this.#replicas = new Gauge({
      name: 'kitty_collect_replicas',
      help: 'Live replicas seen in the shared storage, this one included (1 with SQLite)',
      registers,
    });
    this.#leaseTakeovers = new Counter({
      name: 'kitty_collect_lease_takeovers_total',
      help: 'Scopes this replica took over from another replica whose lease had expired',
      registers,
    });
    this.#storageErrors = new Counter({
      name: 'kitty_collect_storage_errors_total',
      help: 'Storage calls that failed, by operation (commit, record-failure, lease, ping, read…)',
      labelNames: ['operation'],
      registers,
    });
    // Series exist from the start, so rate() and alerts see a 0 rather than nothing.
    for (const result of ['success', 'failure']) this.#collections.inc({ result }, 0);
    for (const cause of KNOWN_FAILURE_CAUSES) this.#failures.inc({ cause }, 0);
    this.#queries.inc({ collector: this.collector }, 0);
    for (const operation of STORAGE_OPERATIONS) this.#storageErrors.inc({ operation }, 0);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** One (scope, period) stored with `points` points after `queries` queries to the backend. */
  collectionSucceeded(durationSeconds: number, points: number, queries = 0): void {
    this.#collections.inc({ result: 'success' });
    this.#periodsStored.inc();
    if (isCount(points)) this.#points.inc(points);
    if (isCount(queries)) this.#queries.inc({ collector: this.collector }, queries);
    if (isCount(durationSeconds)) this.#duration.observe(durationSeconds);
  }

  /** One (scope, period) failed, nothing stored. The duration is observed when given. */
  collectionFailed(cause: string, durationSeconds?: number): void {
    this.#collections.inc({ result: 'failure' });
    this.#failures.inc({ cause: redactText(cause) });
    if (durationSeconds !== undefined && isCount(durationSeconds)) this.#duration.observe(durationSeconds);
  }

  /**
   * Queries counted one by one (e.g. those of a failed collection). Do not also pass them to
   * `collectionSucceeded`: they would be counted twice.
   */
  queryDone(collector: string = this.collector, count = 1): void {
    if (isCount(count)) this.#queries.inc({ collector: redactText(collector) }, count);
  }

  /** How many scopes this replica holds a lease on now. */
  setScopesHeld(count: number): void {
    if (isWholeCount(count)) this.#scopesHeld.set(count);
  }

  /** How many live replicas the shared storage shows, this one included. */
  setReplicas(count: number): void {
    if (isWholeCount(count)) this.#replicas.set(count);
  }

  /** Scopes taken over from a replica whose lease had expired. */
  leaseTakenOver(count = 1): void {
    if (isWholeCount(count)) this.#leaseTakeovers.inc(count);
  }

  /** One storage call failed; `operation` is one of `STORAGE_OPERATIONS` or a name of the same kind. */
  storageFailed(operation: string): void {
    this.#storageErrors.inc({ operation: redactText(operation) });
  }

  /** The Prometheus text exposition of every metric of the registry. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function isCount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** Scopes, replicas, takeovers: a fraction of one is as impossible as a negative number. */
function isWholeCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
