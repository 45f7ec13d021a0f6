import type { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { NameRules } from '../conf/name-rules.js';
import { metricNameOf } from '../conf/rating-type-key.js';
import type { MetricsConf, RatingType } from '../conf/rating-type-schema.js';
import { validateMetricsConf } from '../conf/validate-metrics-conf.js';
import { type CalendarGroupby, calendarGroupby } from '../dataframe/calendar.js';
import { DataPoint } from '../dataframe/data-point.js';
import { CollectError } from '../errors/collect-error.js';
import { NoDataCollected } from '../errors/no-data-collected.js';
import { convertUnit } from '../units/convert.js';
import { mutate } from '../units/mutate.js';
import { baseCollectorOptionsSchema, parseCollectorOptions } from './collector-options.js';
import { type CollectorLogger, stderrLogger } from './logger.js';

export interface BaseCollectorOptions {
  /** Collection period in seconds (CloudKitty's `[collect] period`). */
  period: number;
  /** The parsed metrics.yml (see `loadMetricsConf`). */
  conf: unknown;
  /** Label holding the scope id. Default `project_id`. */
  scopeKey?: string;
  logger?: CollectorLogger;
}

export interface RetrieveResult {
  /** Display name of the rating type: its `alt_name`, else the metric name. */
  name: string;
  points: DataPoint[];
}

/**
 * What every collector shares: validated configuration, data point creation (unit conversion, mutators,
 * calendar keys) and `retrieve`. Subclasses implement `fetchAll` for their backend.
 */
export abstract class BaseCollector<ExtraArgs = Record<string, unknown>> {
  /** The name used in `[collect] collector` and in errors. */
  static readonly collectorName: string;

  readonly period: number;
  readonly scopeKey: string;
  readonly conf: MetricsConf<ExtraArgs>;
  protected readonly logger: CollectorLogger;
  /** The calendar keys of the last period start seen: every point of a period shares them. */
  #calendar: { time: number; groupby: CalendarGroupby } | undefined;
  /** The names this collector can write into its queries (see {@link NameRules}). */
  readonly #names: NameRules;

  /**
   * `extraArgsSchema` validates each rating type's `extra_args`; `names` are the rules for the metric and
   * label names the backend's queries take (none by default).
   */
  protected constructor(
    options: BaseCollectorOptions,
    extraArgsSchema: z.ZodType<ExtraArgs>,
    names: NameRules = {},
  ) {
    const { period, conf, scopeKey } = parseCollectorOptions(
      baseCollectorOptionsSchema,
      options,
      this.collectorName,
    );
    this.period = period;
    this.scopeKey = scopeKey;
    this.logger = options.logger ?? stderrLogger;
    this.#names = names;
    this.conf = this.checkConfiguration(conf, extraArgsSchema);
  }

  get collectorName(): string {
    return (this.constructor as typeof BaseCollector).collectorName;
  }

  /** Validates a parsed metrics.yml with this collector's `extra_args` schema and name rules. */
  checkConfiguration(conf: unknown, extraArgsSchema: z.ZodType<ExtraArgs>): MetricsConf<ExtraArgs> {
    return validateMetricsConf(conf, {
      scopeKey: this.scopeKey,
      extraArgs: extraArgsSchema,
      names: this.#names,
    });
  }

  /** Every data point of one rating type for one scope and period; `[]` when there is no data. */
  abstract fetchAll(metricKey: string, start: Date, end: Date, scopeId: string): Promise<DataPoint[]>;

  /** As `fetchAll`, but an empty result raises {@link NoDataCollected}. */
  async retrieve(metricKey: string, start: Date, end: Date, scopeId: string): Promise<RetrieveResult> {
    const name = this.displayName(metricKey);
    const points = await this.fetchAll(metricKey, start, end, scopeId);
    if (points.length === 0) throw new NoDataCollected(this.collectorName, name, scopeId);
    return { name, points };
  }

  displayName(metricKey: string): string {
    return this.ratingType(metricKey).alt_name ?? metricNameOf(metricKey);
  }

  protected ratingType(metricKey: string): RatingType<ExtraArgs> {
    const ratingType = this.conf[metricKey];
    if (ratingType === undefined) {
      const known = Object.keys(this.conf).join(', ') || 'none';
      throw new CollectError(`Unknown rating type '${metricKey}' (configured: ${known})`, {
        collector: this.collectorName,
        metricKey,
      });
    }
    return ratingType;
  }

  /**
   * A data point from a quantity already rounded to 9 significant digits: unit conversion, then the
   * mutator, then the calendar keys of the period start (CloudKitty's `_create_data_point`).
   */
  protected createDataPoint(
    ratingType: RatingType<ExtraArgs>,
    qty: Decimal,
    groupby: Record<string, string>,
    metadata: Record<string, string>,
    start: Date,
  ): DataPoint {
    const converted = convertUnit(qty, ratingType.factor, ratingType.offset);
    return new DataPoint({
      unit: ratingType.unit,
      qty: mutate(converted, ratingType.mutate, ratingType.mutate_map),
      groupby: Object.assign({}, groupby, this.#calendarGroupby(start)),
      metadata,
      description: ratingType.description,
    });
  }

  #calendarGroupby(start: Date): CalendarGroupby {
    const time = start.getTime();
    if (this.#calendar?.time !== time) this.#calendar = { time, groupby: calendarGroupby(start) };
    return this.#calendar.groupby;
  }
}
