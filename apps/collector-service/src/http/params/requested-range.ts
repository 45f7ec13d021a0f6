import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { currentMonth } from './current-month.js';

/**
 * The window of a v2 query: `begin` and `end` as given, each defaulting to the current month's (UTC), as
 * CloudKitty's `get_month_start()` / `get_next_month()`. Both given and not in order is a 400 (CloudKitty
 * would answer nothing).
 */
export function requestedRange(params: { begin?: Date; end?: Date }, now: Date): { begin: Date; end: Date } {
  if (params.begin !== undefined && params.end !== undefined && params.end <= params.begin) {
    throw new InvalidParameterError([{ parameter: 'end', message: 'must be after begin' }]);
  }
  const month = currentMonth(now);
  return { begin: params.begin ?? month.begin, end: params.end ?? month.end };
}
