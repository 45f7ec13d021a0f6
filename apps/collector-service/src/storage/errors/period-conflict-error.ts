import { StorageError } from './storage-error.js';

/**
 * Why a period cannot be stored: it is collected already; it does not follow the scope's last stored
 * period (storing it would leave a gap or an overlap); or usage is stored for a period of that scope that
 * begins there but ends elsewhere (`overlapping`, a frame added through the API with another length).
 */
export type PeriodConflictReason = 'already-stored' | 'not-contiguous' | 'overlapping';

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
