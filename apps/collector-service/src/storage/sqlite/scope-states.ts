import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';
import type { NewScopeState, ScopePatch, ScopeSelector, ScopeState } from '../storage.js';

/** The scope states the API changes (PUT/PATCH/POST /v2/scope). TODO(scope helper): implement. */
export class ScopeStates {
  constructor(_db: Database, _now: () => Date) {}

  reset(_selector: ScopeSelector, _from: Date, _lastProcessed: Date): ScopeState[] {
    throw new StorageError('resetScopes: not implemented yet');
  }

  update(_scopeId: string, _patch: ScopePatch): ScopeState | undefined {
    throw new StorageError('updateScope: not implemented yet');
  }

  create(_scope: NewScopeState): ScopeState {
    throw new StorageError('createScope: not implemented yet');
  }
}
