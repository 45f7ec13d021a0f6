import {
  BaseCollector,
  type BaseCollectorOptions,
  CollectError,
  type DataPoint,
  type MetricsConf,
  metricNameOf,
  parseSample,
  type RatingType,
} from '@kitty-collect/collector-base';
import type {
  InstantVectorSample,
  PrometheusClientBase,
  QueryData,
} from '@kitty-collect/prometheus-client-base';
import { buildQuery } from './build-query.js';
import { collectErrorFrom } from './collect-error-from.js';
import { type PrometheusExtraArgs, prometheusExtraArgsSchema } from './extra-args.js';
import { seriesName } from './series-name.js';

/**
 * Query building and result formatting shared by every collector that speaks the Prometheus HTTP
 * API; subclasses differ only in the client they hand over (direct, or through Aetos).
 */
export abstract class PrometheusCollectorBase extends BaseCollector<PrometheusExtraArgs> {
  protected readonly client: PrometheusClientBase;

  protected constructor(options: BaseCollectorOptions, client: PrometheusClientBase) {
    super(options, prometheusExtraArgsSchema);
    this.client = client;
  }

  /** CloudKitty's `build_query`, with the scope id escaped as a PromQL string. */
  static buildQuery(
    conf: MetricsConf<PrometheusExtraArgs>,
    metricKey: string,
    start: Date,
    end: Date,
    scopeKey: string,
    scopeId: string,
    groupby?: readonly string[],
    metadata?: readonly string[],
  ): string {
    return buildQuery(conf, metricKey, start, end, scopeKey, scopeId, groupby, metadata);
  }

  /** The PromQL `fetchAll` sends for this rating type, scope and period. */
  buildQuery(metricKey: string, start: Date, end: Date, scopeId: string): string {
    const ratingType = this.ratingType(metricKey);
    return buildQuery(
      this.conf,
      metricKey,
      start,
      end,
      this.scopeKey,
      scopeId,
      ratingType.groupby,
      ratingType.metadata,
    );
  }

  async fetchAll(metricKey: string, start: Date, end: Date, scopeId: string): Promise<DataPoint[]> {
    const ratingType = this.ratingType(metricKey);
    const query = this.buildQuery(metricKey, start, end, scopeId);
    const failed = { collector: this.collectorName, metricKey, scopeId, query };
    try {
      const data = await this.client.getInstant(query, { time: end });
      return this.formatResult(metricKey, ratingType, data, scopeId, start);
    } catch (error) {
      throw collectErrorFrom(error, failed);
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
    const points: DataPoint[] = [];
    for (const sample of data.result) {
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
