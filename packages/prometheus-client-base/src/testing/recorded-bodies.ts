import { readFileSync } from 'node:fs';

/**
 * Bodies recorded with curl from a real Prometheus 2.42 (Debian package) over the
 * test-stack dataset (2026-01-04T00:00:00Z..2026-01-05T00:00:00Z, 60 s steps), byte for byte.
 *
 * | file | request | HTTP status |
 * |---|---|---|
 * | vector.body | `query?query=ceilometer_cpu{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d"}&time=2026-01-04T01:00:00Z` | 200 |
 * | matrix.body | `query_range?query=linear_gauge{project_id="…"}&start=2026-01-04T01:00:00Z&end=2026-01-04T01:05:00Z&step=60s` | 200 |
 * | scalar.body | `query?query=scalar(linear_gauge{project_id="…"}) / 7&time=2026-01-04T01:00:00Z` | 200 |
 * | string.body | `query?query="hello world"&time=1767488400` | 200 |
 * | empty.body | `query?query=nonexistent_metric&time=1767488400` | 200 |
 * | range_matrix_instant.body | `query?query=linear_gauge[3m]&time=2026-01-04T01:00:00Z` | 200 |
 * | nan.body / inf.body | `linear_gauge / 0 - linear_gauge / 0`, `linear_gauge / 0` | 200 |
 * | bad_data.body | `query?query=sum(rate(foo[5m])` | 400 |
 * | execution.body | `query?query=ceilometer_cpu{…} + on() group_left ceilometer_cpu` | 422 |
 * | timeout.body | `query_range?query=quantile_over_time(0.5, ceilometer_cpu[1d])&…&timeout=1ms` | 503 |
 * | notfound.body | `GET /api/v1/nope` (text/plain; charset=utf-8) | 404 |
 *
 * Kept as `.body` files, byte for byte, so no formatter ever rewrites them.
 */
export type RecordedBody =
  | 'vector'
  | 'matrix'
  | 'scalar'
  | 'string'
  | 'empty'
  | 'range_matrix_instant'
  | 'nan'
  | 'inf'
  | 'bad_data'
  | 'execution'
  | 'timeout'
  | 'notfound';

export function recordedBody(name: RecordedBody): string {
  return readFileSync(new URL(`./fixtures/${name}.body`, import.meta.url), 'utf8');
}
