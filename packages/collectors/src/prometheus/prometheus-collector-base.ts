import {
  BaseCollector,
  type BaseCollectorOptions,
  CollectError,
  type DataPoint,
  metricNameOf,
  parseSample,
  type RatingType,
} from '@kitty-collect/collector-base';
import type {
  InstantVectorSample,
  PrometheusClientBase,
  QueryData,
} from '@kitty-collect/prometheus-client-base';
import { Limiter } from '../concurrency/limiter.js';
import { type BatchedFetchOptions, DEFAULT_FALLBACK_CONCURRENCY } from './batch/batched-fetch-options.js';
import { crossScopeReason } from './batch/scope-safety.js';
import { splitByScope } from './batch/split-by-scope.js';
import { buildQuery, type QueryScopes } from './build-query.js';
import { collectErrorFrom } from './collect-error-from.js';
import { type PrometheusExtraArgs, prometheusExtraArgsSchema } from './extra-args.js';
import { prometheusNameRules } from './prometheus-names.js';
import { seriesName } from './series-name.js';

/**
 * Query building and result formatting shared by every collector that speaks the Prometheus HTTP
 * API; subclasses differ only in the client they hand over (direct, or through Aetos). The configuration
 * check applies Prometheus' name grammar to metric names, `groupby`, `metadata` and the scope key, which
 * go into the PromQL unquoted.
 */
export abstract class PrometheusCollectorBase extends BaseCollector<PrometheusExtraArgs> {
  protected readonly client: PrometheusClientBase;
  /** `batchFallbackReason` of each rating type, decided once (the conf does not change). */
  readonly #fallbackReasons = new Map<string, string | undefined>();

  protected constructor(options: BaseCollectorOptions, client: PrometheusClientBase) {
    super(options, prometheusExtraArgsSchema, prometheusNameRules);
    this.client = client;
  }

  /**
   * The PromQL this collector sends for a rating type and period (`buildQuery` with its conf and scope
   * key): `fetchAll` sends it for one scope, `fetchAllBatched` for every scope, or for some with its
   * `matchScopes` option.
   */
  #query(metricKey: string, start: Date, end: Date, scopes: QueryScopes): string {
    return buildQuery({ conf: this.conf, metricKey, start, end, scopes });
  }

  /**
   * Why `fetchAllBatched` always queries this rating type per scope (its `query_prefix` or `query_suffix`
   * could mix scopes, as the parse tree of the query shows), or `undefined` when it sends one batched
   * query. Logged at debug the first time it is decided.
   */
  batchFallbackReason(metricKey: string): string | undefined {
    if (!this.#fallbackReasons.has(metricKey)) {
      const reason = crossScopeReason(this.ratingType(metricKey).extra_args, this.scopeKey);
      this.#fallbackReasons.set(metricKey, reason);
      if (reason !== undefined) {
        this.logger.debug?.(
          { collector: this.collectorName, metricKey, reason },
          `Rating type ${metricKey} is collected per scope even when batched: ${reason}`,
        );
      }
    }
    return this.#fallbackReasons.get(metricKey);
  }

  /** Awaited before `fetchAll` and `fetchAllBatched` query: a subclass' check of its client; nothing here. */
  protected async beforeQuery(): Promise<void> {}

  async fetchAll(metricKey: string, start: Date, end: Date, scopeId: string): Promise<DataPoint[]> {
    await this.beforeQuery();
    const ratingType = this.ratingType(metricKey);
    const query = this.#query(metricKey, start, end, { key: this.scopeKey, id: scopeId });
    const failed = { collector: this.collectorName, metricKey, scopeId, query };
    try {
      const data = await this.client.getInstant(query, { time: end });
      return this.formatResult(metricKey, ratingType, data, scopeId, start);
    } catch (error) {
      throw collectErrorFrom(error, failed);
    }
  }

  /**
   * `fetchAll` for several scopes with one query per rating type: the batched query's answer split by the
   * scope label, each series formatted exactly as `fetchAll` does. Every requested scope gets an entry
   * (`[]` without data); other scopes' series are ignored. Falls back to `fetchAll` for each scope when
   * the split could differ from the per-scope answers: a `query_prefix`/`query_suffix` that could mix
   * scopes (`batchFallbackReason`), an answer that is not an instant vector, or a wrapped query whose
   * answer has a series without the scope label. A single scope is always queried on its own.
   */
  async fetchAllBatched(
    metricKey: string,
    start: Date,
    end: Date,
    scopeIds: readonly string[],
    options: BatchedFetchOptions = {},
  ): Promise<Map<string, DataPoint[]>> {
    await this.beforeQuery();
    const ratingType = this.ratingType(metricKey);
    const scopes = [...new Set(scopeIds)];
    const limiter = options.limiter ?? new Limiter(DEFAULT_FALLBACK_CONCURRENCY);
    // One scope alone: its own query is one request as well, and reads only that scope's series.
    if (scopes.length >= 2 && this.batchFallbackReason(metricKey) === undefined) {
      const matched = options.matchScopes === true ? scopes : undefined;
      const batched = await limiter.run(() =>
        this.#fetchBatch(metricKey, ratingType, start, end, scopes, matched),
      );
      if (batched !== undefined) return batched;
      this.logger.debug?.(
        { collector: this.collectorName, metricKey, scopes: scopes.length },
        'Batched answer cannot be split by scope (not a vector, or the scope label aggregated away): querying per scope',
      );
    }
    const perScope = await Promise.all(
      scopes.map((scopeId) => limiter.run(() => this.fetchAll(metricKey, start, end, scopeId))),
    );
    return new Map(scopes.map((scopeId, index) => [scopeId, perScope[index] ?? []]));
  }

  /** The batched answer's points by scope, or `undefined` when it cannot be split (see `fetchAllBatched`). */
  async #fetchBatch(
    metricKey: string,
    ratingType: RatingType<PrometheusExtraArgs>,
    start: Date,
    end: Date,
    scopeIds: readonly string[],
    matchedScopeIds: readonly string[] | undefined,
  ): Promise<Map<string, DataPoint[]> | undefined> {
    const query = this.#query(
      metricKey,
      start,
      end,
      matchedScopeIds === undefined ? 'all' : { key: this.scopeKey, ids: matchedScopeIds },
    );
    try {
      const data = await this.client.getInstant(query, { time: end });
      if (data.resultType !== 'vector') return undefined;
      const { query_prefix, query_suffix } = ratingType.extra_args;
      const byScope = splitByScope(data.result, scopeIds, {
        scopeKey: this.scopeKey,
        wrapped: query_prefix !== '' || query_suffix !== '',
      });
      if (byScope === undefined) return undefined;
      const points = new Map<string, DataPoint[]>();
      for (const [scopeId, samples] of byScope) {
        points.set(scopeId, this.formatSamples(metricKey, ratingType, samples, scopeId, start));
      }
      return points;
    } catch (error) {
      throw collectErrorFrom(error, { collector: this.collectorName, metricKey, scopeIds, query });
    }
  }

  /** Data points of an instant-vector answer (CloudKitty's `_format_data` + `_create_data_point`). */
  protected formatResult(
    metricKey: string,
    ratingType: RatingType<PrometheusExtraArgs>,
    data: QueryData,
    scopeId: string,
    start: Date,
  ): DataPoint[] {
    if (data.resultType !== 'vector') {
      throw new CollectError(
        `expected an instant vector from the query, got a ${data.resultType} (check query_prefix/query_suffix)`,
        { collector: this.collectorName, metricKey, scopeId },
      );
    }
    return this.formatSamples(metricKey, ratingType, data.result, scopeId, start);
  }

  /** One scope's series as data points, in order: per-scope and batched answers alike. */
  protected formatSamples(
    metricKey: string,
    ratingType: RatingType<PrometheusExtraArgs>,
    samples: readonly InstantVectorSample[],
    scopeId: string,
    start: Date,
  ): DataPoint[] {
    const points: DataPoint[] = [];
    for (const sample of samples) {
      const point = this.formatSample(metricKey, ratingType, sample, scopeId, start);
      if (point !== undefined) points.push(point);
    }
    return points;
  }

  /** One series as a data point; `undefined` (with a warning) for NaN and infinite samples. */
  protected formatSample(
    metricKey: string,
    ratingType: RatingType<PrometheusExtraArgs>,
    sample: InstantVectorSample,
    scopeId: string,
    start: Date,
  ): DataPoint | undefined {
    const labels = sample.metric;
    const parsed = parseSample(sample.value[1]);
    if (parsed.kind === 'non-finite') {
      this.logger.warn(
        {
          collector: this.collectorName,
          metricKey,
          scopeId,
          series: seriesName(metricNameOf(metricKey), labels),
        },
        `Skipping non-finite sample ${parsed.text} of series ${seriesName(metricNameOf(metricKey), labels)}`,
      );
      return undefined;
    }
    const metadata: Record<string, string> = {};
    for (const name of ratingType.metadata) metadata[name] = labels[name] ?? '';
    const groupby: Record<string, string> = { [this.scopeKey]: scopeId };
    for (const name of ratingType.groupby) groupby[name] = labels[name] ?? '';
    return this.createDataPoint(ratingType, parsed.value, groupby, metadata, start);
  }
}
