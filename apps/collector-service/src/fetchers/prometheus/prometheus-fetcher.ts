import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import type { ScopeFetcher } from '../scope-fetcher.js';
import { buildScopeQuery, type ScopeQueryOptions } from './scope-query.js';

export interface PrometheusFetcherOptions extends ScopeQueryOptions {
  /** A PrometheusClient, or an AetosClient (`use_aetos`). */
  client: PrometheusClientBase;
  /** Evaluation time of the instant query; default the current time (CloudKitty sends none, i.e. now). */
  now?: () => Date;
  /** Releases the client, when the fetcher owns it. */
  close?: () => Promise<void>;
  /** Where the query goes, for people, redacted: `http://prometheus:9090/api/v1`, or Aetos through the catalog. */
  where?: string;
}

/**
 * CloudKitty's PrometheusFetcher: the distinct values of the scope label among the series of a metric,
 * with label filters, by one instant query. Series without the label (or with it empty) are skipped.
 * The ids come back sorted, so the order does not depend on Prometheus (CloudKitty's is a set's).
 */
export class PrometheusFetcher implements ScopeFetcher {
  readonly name = 'prometheus';
  readonly query: string;
  emptyReason: string | undefined;
  readonly #options: PrometheusFetcherOptions;

  constructor(options: PrometheusFetcherOptions) {
    this.#options = options;
    this.query = buildScopeQuery(options);
  }

  async getScopes(): Promise<string[]> {
    const time = this.#options.now?.() ?? new Date();
    let data: Awaited<ReturnType<PrometheusClientBase['getInstant']>>;
    try {
      data = await this.#options.client.getInstant(this.query, { time });
    } catch (error) {
      throw ScopeFetchError.from(this.name, error);
    }
    if (data.resultType !== 'vector') {
      throw new ScopeFetchError(
        this.name,
        `expected an instant vector for '${this.query}', got a ${data.resultType}`,
      );
    }
    const scopes = new Set<string>();
    for (const sample of data.result) {
      const scope = sample.metric[this.#options.scopeAttribute];
      if (scope !== undefined && scope !== '') scopes.add(scope);
    }
    this.emptyReason = scopes.size === 0 ? this.#whyEmpty(time, data.result.length) : undefined;
    return [...scopes].sort();
  }

  /** CloudKitty's fetcher asks at "now": only series with a recent sample answer. */
  #whyEmpty(time: Date, series: number): string {
    const { metric, scopeAttribute, where } = this.#options;
    const answered = series === 0 ? 'no series' : `${series} series, none with a ${scopeAttribute} label`;
    return `'${this.query}' at the current time (${time.toISOString()})${where === undefined ? '' : ` on ${where}`} returned ${answered}: a Prometheus without a sample of ${metric} in the last 5 minutes (its default lookback) carrying ${scopeAttribute} returns nothing`;
  }

  async close(): Promise<void> {
    await this.#options.close?.();
  }
}
