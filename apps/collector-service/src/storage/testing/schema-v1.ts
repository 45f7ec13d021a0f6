import SqliteDatabase, { type Database } from 'better-sqlite3';
import type { PointSpec } from './frames.js';

/**
 * Schema version 1 exactly as the release before migration 2 created it: MIGRATIONS[0] of
 * storage/sqlite/schema.ts at b37fe74^, copied here because schema.ts may only ever append to it and a
 * migration test must start from what was really on disk.
 */
export const SCHEMA_V1 = `
  CREATE TABLE scopes (
    scope_id TEXT PRIMARY KEY,
    last_processed INTEGER,
    state TEXT NOT NULL CHECK (state IN ('ok', 'failing')),
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE dataframes (
    id INTEGER PRIMARY KEY,
    scope_id TEXT NOT NULL REFERENCES scopes (scope_id),
    begin INTEGER NOT NULL,
    end INTEGER NOT NULL CHECK (end > begin),
    created_at INTEGER NOT NULL,
    UNIQUE (scope_id, begin)
  ) STRICT;
  -- Queries select by period and order by period then scope.
  CREATE INDEX dataframes_by_period ON dataframes (begin, end, scope_id);

  CREATE TABLE points (
    id INTEGER PRIMARY KEY,
    dataframe_id INTEGER NOT NULL REFERENCES dataframes (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    unit TEXT NOT NULL,
    qty TEXT NOT NULL,
    price TEXT NOT NULL,
    groupby TEXT NOT NULL CHECK (json_type(groupby) = 'object'),
    metadata TEXT NOT NULL CHECK (json_type(metadata) = 'object')
  ) STRICT;
  -- Points of a dataframe in insertion order (the id), and by rating type for the type filter.
  CREATE INDEX points_by_dataframe ON points (dataframe_id, id);
  CREATE INDEX points_by_type ON points (type, dataframe_id);
  `;

/** A point as version 1 stored it: every column given. */
export type V1Point = Required<PointSpec>;

/**
 * The writes of that release: a stored period is its frame, its points and the scope's state set to the
 * period's END (`last_processed` meant the end then); a failure leaves `last_processed` alone.
 */
export class V1Writer {
  readonly #db: Database;

  /** Creates `path` as that release did: WAL, foreign keys on, schema 1, `user_version` 1. */
  constructor(path: string) {
    this.#db = new SqliteDatabase(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA_V1);
    this.#db.pragma('user_version = 1');
  }

  commitPeriod(scopeId: string, begin: Date, end: Date, points: readonly V1Point[], now: Date): void {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO scopes (scope_id, last_processed, state, failures, last_error, next_attempt_at, updated_at)
           VALUES (@scopeId, @end, 'ok', 0, NULL, NULL, @now)
           ON CONFLICT (scope_id) DO UPDATE SET
             last_processed = excluded.last_processed, state = 'ok', failures = 0, last_error = NULL,
             next_attempt_at = NULL, updated_at = excluded.updated_at`,
        )
        .run({ scopeId, end: end.getTime(), now: now.getTime() });
      const dataframeId = this.#db
        .prepare(
          'INSERT INTO dataframes (scope_id, begin, end, created_at) VALUES (@scopeId, @begin, @end, @now)',
        )
        .run({ scopeId, begin: begin.getTime(), end: end.getTime(), now: now.getTime() }).lastInsertRowid;
      const insertPoint = this.#db.prepare(
        `INSERT INTO points (dataframe_id, type, unit, qty, price, groupby, metadata)
         VALUES (@dataframeId, @type, @unit, @qty, @price, @groupby, @metadata)`,
      );
      for (const point of points) {
        insertPoint.run({
          dataframeId,
          ...point,
          groupby: JSON.stringify(point.groupby),
          metadata: JSON.stringify(point.metadata),
        });
      }
    })();
  }

  recordFailure(scopeId: string, error: string, nextAttemptAt: Date, now: Date): void {
    this.#db
      .prepare(
        `INSERT INTO scopes (scope_id, last_processed, state, failures, last_error, next_attempt_at, updated_at)
         VALUES (@scopeId, NULL, 'failing', 1, @error, @nextAttemptAt, @now)
         ON CONFLICT (scope_id) DO UPDATE SET
           state = 'failing', failures = scopes.failures + 1, last_error = excluded.last_error,
           next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`,
      )
      .run({ scopeId, error, nextAttemptAt: nextAttemptAt.getTime(), now: now.getTime() });
  }

  close(): void {
    this.#db.close();
  }
}
