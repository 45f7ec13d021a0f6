import type pg from 'pg';
import { ScopeExistsError } from '../errors/scope-exists-error.js';
import { instant } from '../shared/instants.js';
import { toScopeState } from '../shared/scope-row.js';
import type { NewScopeState, ScopePatch, ScopeSelector, ScopeState } from '../storage.js';
import { BINARY, SCOPE_COLUMNS } from './columns.js';
import { inTransaction } from './connection.js';

// An absent list (NULL) is no condition; a list, even empty, must hold the column's value. A NULL column
// (the service's own scope_key, fetcher or collector) is in no list. FOR UPDATE: a commit of a selected
// scope waits for the reset, and the reset for a commit under way.
const SELECT_FOR_RESET = `SELECT scope_id FROM scopes
  WHERE ($1::text[] IS NULL OR scope_id = ANY ($1))
    AND ($2::text[] IS NULL OR scope_key = ANY ($2))
    AND ($3::text[] IS NULL OR fetcher = ANY ($3))
    AND ($4::text[] IS NULL OR collector = ANY ($4))
  ORDER BY scope_id ${BINARY}
  FOR UPDATE`;
// Their points go with them (ON DELETE CASCADE).
const DELETE_FRAMES = 'DELETE FROM dataframes WHERE scope_id = ANY ($1::text[]) AND begin >= $2';
// A reset starts the scope afresh: whatever failed before is no reason to wait now.
const RESET_STATES = `WITH reset AS (
    UPDATE scopes SET last_processed = $2, state = 'ok', failures = 0, last_error = NULL,
      next_attempt_at = NULL, updated_at = $3
    WHERE scope_id = ANY ($1::text[])
    RETURNING *
  )
  SELECT ${SCOPE_COLUMNS} FROM reset ORDER BY scope_id ${BINARY}`;
// The right-hand sides read the row as it was, so the toggle date compares with the old `active`.
const PATCH = `UPDATE scopes SET
    active_toggled_at = CASE WHEN $2::boolean IS NOT NULL AND $2 <> active THEN $6 ELSE active_toggled_at END,
    active = coalesce($2, active),
    scope_key = coalesce($3, scope_key),
    fetcher = coalesce($4, fetcher),
    collector = coalesce($5, collector),
    updated_at = $6
  WHERE scope_id = $1
  RETURNING ${SCOPE_COLUMNS}`;
// CloudKitty's column defaults to the row's creation time (server_default now()).
const INSERT = `INSERT INTO scopes (scope_id, last_processed, state, failures, updated_at, active, active_toggled_at,
    scope_key, fetcher, collector)
  VALUES ($1, $2, 'ok', 0, $3, $4, $3, $5, $6, $7)
  ON CONFLICT (scope_id) DO NOTHING
  RETURNING ${SCOPE_COLUMNS}`;

/** The scope states the API changes (PUT, PATCH and POST /v2/scope), as the SQLite storage's ScopeStates. */
export class PostgresScopeStates {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  /**
   * Selected scopes that have a state: their frames beginning at or after `from` are deleted and their
   * state set to `lastProcessed`, ok, no failure, in one transaction. Answers them by scope id.
   */
  async reset(selector: ScopeSelector, from: Date, lastProcessed: Date): Promise<ScopeState[]> {
    instant(from, 'from');
    instant(lastProcessed, 'lastProcessed');
    return inTransaction(this.#pool, 'write', async (connection) => {
      const selected = await connection.query<{ scope_id: string }>(SELECT_FOR_RESET, [
        selector.scopeIds ?? null,
        selector.scopeKeys ?? null,
        selector.fetchers ?? null,
        selector.collectors ?? null,
      ]);
      const scopeIds = selected.rows.map((row) => row.scope_id);
      if (scopeIds.length === 0) return [];
      await connection.query(DELETE_FRAMES, [scopeIds, from]);
      const reset = await connection.query(RESET_STATES, [scopeIds, lastProcessed, this.#now()]);
      return reset.rows.map(toScopeState);
    });
  }

  /** Undefined when the scope has no state; `active` toggled (changed) stamps `activeToggledAt`. */
  async update(scopeId: string, patch: ScopePatch): Promise<ScopeState | undefined> {
    const { rows } = await this.#pool.query(PATCH, [
      scopeId,
      patch.active ?? null,
      patch.scopeKey ?? null,
      patch.fetcher ?? null,
      patch.collector ?? null,
      this.#now(),
    ]);
    return rows[0] === undefined ? undefined : toScopeState(rows[0]);
  }

  /** A new state (active unless said otherwise), or `ScopeExistsError` when the scope has one. */
  async create(scope: NewScopeState): Promise<ScopeState> {
    instant(scope.lastProcessed, 'lastProcessed');
    const { rows } = await this.#pool.query(INSERT, [
      scope.scopeId,
      scope.lastProcessed,
      this.#now(),
      scope.active !== false,
      scope.scopeKey ?? null,
      scope.fetcher ?? null,
      scope.collector ?? null,
    ]);
    if (rows[0] === undefined) throw new ScopeExistsError(scope.scopeId);
    return toScopeState(rows[0]);
  }
}
