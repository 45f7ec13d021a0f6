import { StorageError } from './storage-error.js';

/** POST /v2/scope for a scope that has a state already (CloudKitty answers 404 with this message). */
export class ScopeExistsError extends StorageError {
  override name = 'ScopeExistsError';
  readonly scopeId: string;

  constructor(scopeId: string) {
    super(`Cannot create a scope with an already existing scope_id: ${scopeId}.`);
    this.scopeId = scopeId;
  }
}
