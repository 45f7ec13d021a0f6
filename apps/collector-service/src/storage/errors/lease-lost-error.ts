import { StorageError } from './storage-error.js';

/**
 * A replica tried to store a period of a scope whose lease it no longer holds (it expired, or another
 * replica took it over): nothing was written, the new owner collects that period.
 */
export class LeaseLostError extends StorageError {
  override name = 'LeaseLostError';
  readonly scopeId: string;
  /** The replica that asked (`leaseOwner`). */
  readonly owner: string;
  /** The start of the period that was not stored. */
  readonly begin: Date;

  constructor(scopeId: string, owner: string, begin: Date) {
    super(
      `Lease of scope ${scopeId} is no longer held by replica ${owner}: period ${begin.toISOString()} not stored (another replica collects it)`,
    );
    this.scopeId = scopeId;
    this.owner = owner;
    this.begin = begin;
  }
}
