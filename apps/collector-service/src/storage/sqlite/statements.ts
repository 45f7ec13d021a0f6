import type { Database, Statement } from 'better-sqlite3';
import type { PointRow } from '../shared/point-row.js';

export interface CommittedScopeParameters {
  scopeId: string;
  begin: number;
  now: number;
}

export interface FailedScopeParameters {
  scopeId: string;
  error: string;
  nextAttemptAt: number;
  now: number;
}

export interface FrameParameters {
  scopeId: string;
  begin: number;
  end: number;
  now: number;
}

/** A point as stored: the columns a query reads back (`PointRow`), without its period, plus its dataframe. */
export interface PointParameters extends Omit<PointRow, 'begin' | 'end'> {
  dataframeId: number | bigint;
}

/** The fixed statements, prepared once per connection (preparing is the costly part of a small query). */
export interface Statements {
  selectScope: Statement<[string], unknown>;
  selectScopes: Statement<[], unknown>;
  selectFrameAt: Statement<[string, number], { id: number; end: number }>;
  selectPointKeys: Statement<[number | bigint], { id: number; type: string; groupby: string }>;
  deletePoint: Statement<[number]>;
  scopeCommitted: Statement<[CommittedScopeParameters]>;
  scopeFailed: Statement<[FailedScopeParameters]>;
  insertFrame: Statement<[FrameParameters]>;
  insertPoint: Statement<[PointParameters]>;
  countFrames: Statement<[], { total: number }>;
  countScopeFrames: Statement<[string], { total: number }>;
  ping: Statement<[], unknown>;
}

export function prepareStatements(db: Database): Statements {
  return {
    selectScope: db.prepare<[string], unknown>('SELECT * FROM scopes WHERE scope_id = ?'),
    selectScopes: db.prepare<[], unknown>('SELECT * FROM scopes ORDER BY scope_id'),
    selectFrameAt: db.prepare<[string, number], { id: number; end: number }>(
      'SELECT id, end FROM dataframes WHERE scope_id = ? AND begin = ?',
    ),
    selectPointKeys: db.prepare<[number | bigint], { id: number; type: string; groupby: string }>(
      'SELECT id, type, groupby FROM points WHERE dataframe_id = ?',
    ),
    deletePoint: db.prepare<[number]>('DELETE FROM points WHERE id = ?'),
    // A stored period clears the failure bookkeeping: the next period starts with a clean slate.
    scopeCommitted: db.prepare<[CommittedScopeParameters]>(
      `INSERT INTO scopes (scope_id, last_processed, state, failures, last_error, next_attempt_at, updated_at)
       VALUES (@scopeId, @begin, 'ok', 0, NULL, NULL, @now)
       ON CONFLICT (scope_id) DO UPDATE SET
         last_processed = excluded.last_processed, state = 'ok', failures = 0, last_error = NULL,
         next_attempt_at = NULL, updated_at = excluded.updated_at`,
    ),
    // A failure never moves last_processed: the same period is tried again.
    scopeFailed: db.prepare<[FailedScopeParameters]>(
      `INSERT INTO scopes (scope_id, last_processed, state, failures, last_error, next_attempt_at, updated_at)
       VALUES (@scopeId, NULL, 'failing', 1, @error, @nextAttemptAt, @now)
       ON CONFLICT (scope_id) DO UPDATE SET
         state = 'failing', failures = scopes.failures + 1, last_error = excluded.last_error,
         next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`,
    ),
    insertFrame: db.prepare<[FrameParameters]>(
      'INSERT INTO dataframes (scope_id, begin, end, created_at) VALUES (@scopeId, @begin, @end, @now)',
    ),
    insertPoint: db.prepare<[PointParameters]>(
      `INSERT INTO points (dataframe_id, type, unit, qty, price, groupby, metadata)
       VALUES (@dataframeId, @type, @unit, @qty, @price, @groupby, @metadata)`,
    ),
    countFrames: db.prepare<[], { total: number }>('SELECT count(*) AS total FROM dataframes'),
    countScopeFrames: db.prepare<[string], { total: number }>(
      'SELECT count(*) AS total FROM dataframes WHERE scope_id = ?',
    ),
    ping: db.prepare<[], unknown>('SELECT 1'),
  };
}
