/**
 * GET /v2/summary as a storage query: CloudKitty's `storage.total()` (cloudkitty/storage/v2/__init__.py),
 * aggregated by the storage itself so that a month of points never travels to the service.
 */

/** What `groupby` may name: a groupby/metadata key, the rating type, or a time bucket. */
export type SummaryGroupBy =
  | { kind: 'type' }
  /** Buckets of the collect period (`time`); `time-d`/`time-w`/`time-m`/`time-y` as CloudKitty master. */
  | { kind: 'time'; unit: 'period' | 'day' | 'week' | 'month' | 'year' }
  | { kind: 'label'; key: string };

export type SummaryFunction = 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'COUNT';

/** One `custom_fields` entry: `SUM(qty) AS qty`. */
export interface SummaryField {
  fn: SummaryFunction;
  column: 'qty' | 'price';
  alias: string;
}

export interface SummaryQuery {
  begin: Date;
  end: Date;
  /** In request order; also the order of their columns. */
  groupby: readonly SummaryGroupBy[];
  /** `key → values`: a point matches when its groupby or metadata has `key` with one of the values. */
  filters: Readonly<Record<string, readonly string[]>>;
  /** Rating types (the `type` filter); all when undefined. */
  types?: readonly string[];
  /** In request order. Default: `SUM(qty) AS qty, SUM(price) AS rate`. */
  fields: readonly SummaryField[];
  /** `[collect] period` in seconds: the size of a `time` bucket. */
  periodSeconds: number;
  limit?: number;
  offset?: number;
}

/** An aggregate as exact decimal text (COUNT: an integer), a label value, or an instant. */
export type SummaryValue = string | number | Date | null;

export interface SummaryResult {
  /** Rows before limit and offset. */
  total: number;
  /** `begin`, `end`, the field aliases, then the groupby columns, as CloudKitty's table format. */
  columns: readonly string[];
  rows: readonly SummaryValue[][];
}
