import type { DataFrame } from '@kitty-collect/collector-base';
import { PeriodConflictError } from '../errors/period-conflict-error.js';

/**
 * The loop's next period of a scope whose last stored period starts at `lastProcessed` (ms; undefined for
 * a scope never processed, whose first period may start anywhere) must follow it: periods have the length
 * of the one committed, so the previous one began one length earlier. Throws `PeriodConflictError` when
 * it does not.
 */
export function checkNextPeriod(scopeId: string, frame: DataFrame, lastProcessed: number | undefined): void {
  if (lastProcessed === undefined) return;
  const begin = frame.start.getTime();
  if (lastProcessed >= begin) throw periodStoredAlready(scopeId, frame.start);
  if (lastProcessed !== begin - (frame.end.getTime() - begin)) {
    throw new PeriodConflictError(
      scopeId,
      frame.start,
      'not-contiguous',
      `the scope's last stored period begins at ${new Date(lastProcessed).toISOString()}`,
    );
  }
}

export function periodStoredAlready(scopeId: string, begin: Date): PeriodConflictError {
  return new PeriodConflictError(scopeId, begin, 'already-stored', 'this period is stored already');
}

/** A frame of the scope begins at `begin` as a stored one that ends at `storedEnd` (ms): another length. */
export function overlappingPeriod(scopeId: string, begin: Date, storedEnd: number): PeriodConflictError {
  return new PeriodConflictError(
    scopeId,
    begin,
    'overlapping',
    `a stored period of this scope begins there and ends at ${new Date(storedEnd).toISOString()}`,
  );
}
