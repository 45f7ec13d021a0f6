/**
 * GET /v2/summary as a storage query: CloudKitty's `storage.total()` (cloudkitty/storage/v2/__init__.py),
 * aggregated by the storage itself so that a month of points never travels to the service.
 */

/**
 * What `groupby` may name: the rating type, a time bucket of the collect period (`time`), or a groupby or
 * metadata key. CloudKitty master's `time-d`/`time-w`/`time-m`/`time-y` are the groupby keys
 * `day_of_the_year`/`week_of_the_year`/`month`/`year` that its collectors add to every point (the HTTP
 * layer maps them), so they are labels here.
 */
export type SummaryGroupBy = { kind: 'type' } | { kind: 'time' } | { kind: 'label'; key: string };

export type SummaryFunction = 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'COUNT';

export type SummaryColumn = 'qty' | 'price';

/** One `custom_fields` entry: `SUM(qty) AS qty`. */
export interface SummaryField {
  fn: SummaryFunction;
  column: SummaryColumn;
  /** The name of its column in the answer (never SQL text). */
  alias: string;
}

export interface SummaryQuery {
  /** Points whose period starts at or after this instant… */
  begin: Date;
  /** …and ends at or before this one. */
  end: Date;
  /** In request order; also the order of their columns. Each kind or key at most once. */
  groupby: readonly SummaryGroupBy[];
  /**
   * `key → values`: a point matches when, for every key, its groupby or its metadata has `key` with one of
   * the values (OR within a key, AND across keys).
   */
  filters: Readonly<Record<string, readonly string[]>>;
  /** Rating types (the `type` filter); all when undefined. */
  types?: readonly string[];
  /** In request order; at least one. Default of the API: `SUM(qty) AS qty, SUM(price) AS rate`. */
  fields: readonly SummaryField[];
  /** `[collect] period` in seconds: the size of a `time` bucket. */
  periodSeconds: number;
  /** Rows to return at most; all when undefined. */
  limit?: number;
  /** Rows to skip first. */
  offset?: number;
}

/** One group of points. */
export interface SummaryRow {
  /** The time bucket with `time` in the groupby, else the query's `begin` and `end`. */
  begin: Date;
  end: Date;
  /** One per field, in `fields` order: exact decimal text (SUM, MIN, MAX, AVG) or an integer (COUNT). */
  values: (string | number)[];
  /** One per groupby entry other than `time`, in request order; null for a point without the key. */
  groups: (string | null)[];
}

export interface SummaryResult {
  /** Rows before limit and offset. */
  total: number;
  /** `begin`, `end`, the field aliases, then the groupby columns, as CloudKitty's table format. */
  columns: readonly string[];
  /** Ordered by the groupby values (in request order, nulls first), then by time bucket. */
  rows: readonly SummaryRow[];
}
