import { z } from 'zod';
import { StorageError } from '../errors/storage-error.js';
import type { ScopeState } from '../storage.js';

/**
 * A `scopes` row as SQLite stores it (instants in ms, `active` 0 or 1; PostgreSQL selects its columns in
 * this form), checked, because the database may have been edited by hand.
 */
const scopeRowSchema = z.object({
  scope_id: z.string(),
  last_processed: z.number().int().nullable(),
  state: z.enum(['ok', 'failing']),
  failures: z.number().int().nonnegative(),
  last_error: z.string().nullable(),
  next_attempt_at: z.number().int().nullable(),
  updated_at: z.number().int(),
  active: z.union([z.literal(0), z.literal(1)]),
  active_toggled_at: z.number().int().nullable(),
  scope_key: z.string().nullable(),
  fetcher: z.string().nullable(),
  collector: z.string().nullable(),
});

export function toScopeState(row: unknown): ScopeState {
  const parsed = scopeRowSchema.safeParse(row);
  if (!parsed.success) throw new StorageError(`Unreadable scopes row: ${z.prettifyError(parsed.error)}`);
  const scope = parsed.data;
  const state: ScopeState = {
    scopeId: scope.scope_id,
    state: scope.state,
    failures: scope.failures,
    updatedAt: new Date(scope.updated_at),
    active: scope.active === 1,
  };
  if (scope.last_processed !== null) state.lastProcessed = new Date(scope.last_processed);
  if (scope.last_error !== null) state.lastError = scope.last_error;
  if (scope.next_attempt_at !== null) state.nextAttemptAt = new Date(scope.next_attempt_at);
  if (scope.active_toggled_at !== null) state.activeToggledAt = new Date(scope.active_toggled_at);
  if (scope.scope_key !== null) state.scopeKey = scope.scope_key;
  if (scope.fetcher !== null) state.fetcher = scope.fetcher;
  if (scope.collector !== null) state.collector = scope.collector;
  return state;
}
