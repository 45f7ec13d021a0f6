/** OpenMetrics metric types that Prometheus' backfill understands. */
export type MetricType = 'counter' | 'gauge' | 'unknown' | 'info' | 'stateset';

/** One sample: unix time in SECONDS (OpenMetrics, not milliseconds), then the value. */
export type OpenMetricsSample = readonly [timestampSeconds: number, value: number];

export interface OpenMetricsSeries {
  /** Written in insertion order. `undefined` and '' values are left out (Prometheus treats both as absent). */
  labels: Readonly<Record<string, string | undefined>>;
  /** Must be in increasing time order within a series; may be a lazy generator. */
  samples: Iterable<OpenMetricsSample>;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  /**
   * Name on the sample lines; defaults to `name`. Strict OpenMetrics wants counter family `x` with samples
   * `x_total`, but promtool 2.42 also accepts samples named like the family, which is how a counter without
   * the suffix (e.g. `ceilometer_cpu`) gets into Prometheus under exactly that name.
   */
  sampleName?: string;
  /** May be a lazy generator: nothing is materialised beyond one output chunk. */
  series: Iterable<OpenMetricsSeries>;
}

export interface WriteOpenMetricsOptions {
  /** Approximate size in characters of each yielded chunk; default 64 KiB. */
  chunkSize?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NEEDS_ESCAPE = /[\\"\n]/;

/** Escapes a label value (or HELP text) as OpenMetrics requires: backslash, double quote, line feed. */
export function escapeOpenMetricsValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** Number formatting accepted by Prometheus' parser: JS shortest round-trip form, plus NaN/+Inf/-Inf. */
export function formatOpenMetricsNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function assertName(kind: string, name: string, pattern: RegExp): void {
  if (!pattern.test(name)) throw new Error(`invalid OpenMetrics ${kind} ${JSON.stringify(name)}`);
}

function formatLabels(labels: OpenMetricsSeries['labels']): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (value === undefined || value === '') continue;
    assertName('label name', name, LABEL_NAME);
    parts.push(`${name}="${escapeOpenMetricsValue(value)}"`);
  }
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/**
 * Streams metric families as OpenMetrics text ending with `# EOF`, in chunks of about `chunkSize`
 * characters, so datasets with millions of samples never exist as one string.
 */
export function* writeOpenMetrics(
  families: Iterable<MetricFamily>,
  options: WriteOpenMetricsOptions = {},
): Generator<string, void, undefined> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  let buffer = '';
  for (const family of families) {
    assertName('metric name', family.name, METRIC_NAME);
    const sampleName = family.sampleName ?? family.name;
    assertName('metric name', sampleName, METRIC_NAME);
    if (family.help !== undefined) buffer += `# HELP ${family.name} ${escapeOpenMetricsValue(family.help)}\n`;
    buffer += `# TYPE ${family.name} ${family.type}\n`;
    for (const series of family.series) {
      const prefix = `${sampleName}${formatLabels(series.labels)} `;
      for (const [timestamp, value] of series.samples) {
        if (!Number.isFinite(timestamp))
          throw new Error(`invalid timestamp ${timestamp} in ${prefix.trim()}`);
        buffer += `${prefix}${formatOpenMetricsNumber(value)} ${timestamp}\n`;
        if (buffer.length >= chunkSize) {
          yield buffer;
          buffer = '';
        }
      }
    }
  }
  yield `${buffer}# EOF\n`;
}
