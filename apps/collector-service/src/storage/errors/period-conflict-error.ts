import { StorageError } from './storage-error.js';

/**
 * Why a period cannot be committed: it is stored already, or it does not start where the scope's last
 * stored period ended (storing it would leave a gap or an overlap).
 */
export type PeriodConflictReason = 'already-stored' | 'not-contiguous';

export class PeriodConflictError extends StorageError {
  override name = 'PeriodConflictError';
  readonly scopeId: string;
  readonly begin: Date;
  readonly reason: PeriodConflictReason;

  constructor(scopeId: string, begin: Date, reason: PeriodConflictReason, detail: string) {
    super(`Cannot store period ${begin.toISOString()} of scope ${scopeId}: ${detail}`);
    this.scopeId = scopeId;
    this.begin = begin;
    this.reason = reason;
  }
}
