import type { Database, Statement, Transaction } from 'better-sqlite3';
import { ScopeExistsError } from '../errors/scope-exists-error.js';
import { StorageError } from '../errors/storage-error.js';
import { instant } from '../shared/instants.js';
import { toScopeState } from '../shared/scope-row.js';
import type { NewScopeState, ScopePatch, ScopeSelector, ScopeState } from '../storage.js';

/** A selector as statement parameters: each list as JSON (read with `json_each`), NULL when absent. */
interface SelectorParameters {
  scopeIds: string | null;
  scopeKeys: string | null;
  fetchers: string | null;
  collectors: string | null;
}

interface ResetParameters {
  scopeId: string;
  from: number;
  lastProcessed: number;
  now: number;
}

interface PatchParameters {
  scopeId: string;
  active: 0 | 1 | null;
  scopeKey: string | null;
  fetcher: string | null;
  collector: string | null;
  now: number;
}

interface NewScopeParameters extends Omit<PatchParameters, 'active'> {
  active: 0 | 1;
  lastProcessed: number;
}

// One statement for every selector: an absent list is no condition; a list (even empty) must hold the
// column's value. A NULL column (the service's own scope_key, fetcher or collector) is in no list.
const SELECT_SCOPES = `
  SELECT * FROM scopes
  WHERE (@scopeIds IS NULL OR scope_id IN (SELECT value FROM json_each(@scopeIds)))
    AND (@scopeKeys IS NULL OR scope_key IN (SELECT value FROM json_each(@scopeKeys)))
    AND (@fetchers IS NULL OR fetcher IN (SELECT value FROM json_each(@fetchers)))
    AND (@collectors IS NULL OR collector IN (SELECT value FROM json_each(@collectors)))
  ORDER BY scope_id`;

/**
 * The scope states the API changes (PUT, PATCH and POST /v2/scope), on the connection of the
 * `SqliteStorage` that delegates to it. Each change is one transaction.
 */
export class ScopeStates {
  readonly #now: () => Date;
  readonly #select: Statement<[SelectorParameters], unknown>;
  readonly #selectOne: Statement<[string], unknown>;
  readonly #deleteFrames: Statement<[ResetParameters]>;
  readonly #resetState: Statement<[ResetParameters]>;
  readonly #patch: Statement<[PatchParameters]>;
  readonly #insert: Statement<[NewScopeParameters]>;
  readonly #reset: Transaction<
    (selector: ScopeSelector, from: number, lastProcessed: number) => ScopeState[]
  >;

  constructor(db: Database, now: () => Date) {
    this.#now = now;
    this.#select = db.prepare<[SelectorParameters], unknown>(SELECT_SCOPES);
    this.#selectOne = db.prepare<[string], unknown>('SELECT * FROM scopes WHERE scope_id = ?');
    // Their points go with them (ON DELETE CASCADE).
    this.#deleteFrames = db.prepare<[ResetParameters]>(
      'DELETE FROM dataframes WHERE scope_id = @scopeId AND begin >= @from',
    );
    // A reset starts the scope afresh: whatever failed before is no reason to wait now.
    this.#resetState = db.prepare<[ResetParameters]>(
      `UPDATE scopes SET last_processed = @lastProcessed, state = 'ok', failures = 0, last_error = NULL,
         next_attempt_at = NULL, updated_at = @now
       WHERE scope_id = @scopeId`,
    );
    // The right-hand sides read the row as it was, so the toggle date compares with the old `active`.
    this.#patch = db.prepare<[PatchParameters]>(
      `UPDATE scopes SET
         active_toggled_at = CASE WHEN @active IS NOT NULL AND @active <> active THEN @now
                                  ELSE active_toggled_at END,
         active = coalesce(@active, active),
         scope_key = coalesce(@scopeKey, scope_key),
         fetcher = coalesce(@fetcher, fetcher),
         collector = coalesce(@collector, collector),
         updated_at = @now
       WHERE scope_id = @scopeId`,
    );
    // CloudKitty's column defaults to the row's creation time (server_default now()).
    this.#insert = db.prepare<[NewScopeParameters]>(
      `INSERT INTO scopes (scope_id, last_processed, state, failures, updated_at, active, active_toggled_at,
         scope_key, fetcher, collector)
       VALUES (@scopeId, @lastProcessed, 'ok', 0, @now, @active, @now, @scopeKey, @fetcher, @collector)
       ON CONFLICT (scope_id) DO NOTHING`,
    );
    this.#reset = db.transaction((selector: ScopeSelector, from: number, lastProcessed: number) => {
      const now = this.#now().getTime();
      const selected = this.#select.all(selectorParameters(selector)).map(toScopeState);
      for (const { scopeId } of selected) {
        const parameters = { scopeId, from, lastProcessed, now };
        this.#deleteFrames.run(parameters);
        this.#resetState.run(parameters);
      }
      return selected.map(({ scopeId }) => this.#get(scopeId));
    });
  }

  /**
   * Selected scopes that have a state: their frames beginning at or after `from` are deleted and their
   * state set to `lastProcessed`, ok, no failure. IMMEDIATE, as a commit: the loop in another process
   * cannot store a period between the selection and the reset.
   */
  reset(selector: ScopeSelector, from: Date, lastProcessed: Date): ScopeState[] {
    return this.#reset.immediate(selector, instant(from, 'from'), instant(lastProcessed, 'lastProcessed'));
  }

  /** Undefined when the scope has no state; `active` toggled (changed) stamps `activeToggledAt`. */
  update(scopeId: string, patch: ScopePatch): ScopeState | undefined {
    const changed = this.#patch.run({
      scopeId,
      active: patch.active === undefined ? null : patch.active ? 1 : 0,
      scopeKey: patch.scopeKey ?? null,
      fetcher: patch.fetcher ?? null,
      collector: patch.collector ?? null,
      now: this.#now().getTime(),
    });
    return changed.changes === 0 ? undefined : this.#get(scopeId);
  }

  /** A new state (active unless said otherwise), or `ScopeExistsError` when the scope has one. */
  create(scope: NewScopeState): ScopeState {
    const inserted = this.#insert.run({
      scopeId: scope.scopeId,
      lastProcessed: instant(scope.lastProcessed, 'lastProcessed'),
      active: scope.active === false ? 0 : 1,
      scopeKey: scope.scopeKey ?? null,
      fetcher: scope.fetcher ?? null,
      collector: scope.collector ?? null,
      now: this.#now().getTime(),
    });
    if (inserted.changes === 0) throw new ScopeExistsError(scope.scopeId);
    return this.#get(scope.scopeId);
  }

  #get(scopeId: string): ScopeState {
    const row = this.#selectOne.get(scopeId);
    if (row === undefined) throw new StorageError(`scope ${scopeId} has no state after writing it`);
    return toScopeState(row);
  }
}

function selectorParameters(selector: ScopeSelector): SelectorParameters {
  const list = (values: readonly string[] | undefined) =>
    values === undefined ? null : JSON.stringify(values);
  return {
    scopeIds: list(selector.scopeIds),
    scopeKeys: list(selector.scopeKeys),
    fetchers: list(selector.fetchers),
    collectors: list(selector.collectors),
  };
}
