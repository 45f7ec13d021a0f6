import type { DataPointJSON } from '@kitty-collect/collector-base';
import { z } from 'zod';
import { StorageError } from '../errors/storage-error.js';
import type { ScopeState } from '../storage.js';

/** A `scopes` row as the database returns it; checked, because the file may have been edited by hand. */
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

/** One point of a query page, with its period (typed by the prepared statement, checked below). */
export interface PointRow {
  begin: number;
  end: number;
  type: string;
  unit: string;
  qty: string;
  price: string;
  groupby: string;
  metadata: string;
}

const labelsSchema = z.record(z.string(), z.string());

/** The v2 usage element of a stored point; qty and price stay the decimal text that was stored. */
export function toDataPointJSON(row: PointRow): DataPointJSON {
  return {
    vol: { unit: row.unit, qty: row.qty },
    rating: { price: row.price },
    groupby: parseLabels(row.groupby, 'groupby'),
    metadata: parseLabels(row.metadata, 'metadata'),
  };
}

function parseLabels(text: string, column: string): Record<string, string> {
  const parsed = labelsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StorageError(`Unreadable points.${column}: ${text}`);
  return parsed.data;
}
