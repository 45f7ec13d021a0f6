/**
 * An instant as float8 milliseconds since the epoch, the form the shared row readers take (SQLite stores
 * instants so): exact, since stored instants are whole milliseconds and below 2^53, and the driver reads
 * float8 as a number (int8 would come as text).
 */
export function epochMs(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000)::float8`;
}

/** A `scopes` row as SQLite's (instants in ms, `active` 0 or 1), for `toScopeState`. */
export const SCOPE_COLUMNS = `scope_id, ${epochMs('last_processed')} AS last_processed, state, failures,
  last_error, ${epochMs('next_attempt_at')} AS next_attempt_at, ${epochMs('updated_at')} AS updated_at,
  active::int AS active, ${epochMs('active_toggled_at')} AS active_toggled_at, scope_key, fetcher, collector`;

/** Binary order, as SQLite compares text, whatever collation the database was created with. */
export const BINARY = 'COLLATE "C"';
