import type { SummaryGroupBy } from '../../storage/summary-query.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/**
 * CloudKitty master's short time groupbys (storage/v2 BaseStorage.TIME_COMMANDS_MAP): the groupby keys
 * its collectors add to every point from the period start (kitty-collect's too, see calendarGroupby).
 */
const TIME_COMMANDS = new Map([
  ['d', 'day_of_the_year'],
  ['w', 'week_of_the_year'],
  ['m', 'month'],
  ['y', 'year'],
]);

/**
 * `groupby` as CloudKitty master reads it (parse_groupby_syntax_to_groupby_elements): an entry containing
 * `time` with exactly one `-` is a time command, its suffix one of d, w, m, y, else a 400 in master's
 * words; `time` buckets by collect period; `type` is the rating type; anything else a groupby or metadata
 * key. An entry given again (also `time-d` with `day_of_the_year`) keeps its first place, as the keys of
 * CloudKitty's result dicts do. Empty keys and keys named as the fixed columns (`begin`, `end`) are refused.
 */
export function parseSummaryGroupBy(entries: readonly string[]): SummaryGroupBy[] {
  const groupby: SummaryGroupBy[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = timeCommand(entry) ?? entry;
    if (key === '') invalid('empty groupby key');
    if (key === 'begin' || key === 'end') invalid(`'${key}' is a column of every row already`);
    if (seen.has(key)) continue;
    seen.add(key);
    groupby.push(key === 'time' || key === 'type' ? { kind: key } : { kind: 'label', key });
  }
  return groupby;
}

function timeCommand(entry: string): string | undefined {
  if (!entry.includes('time')) return undefined;
  const parts = entry.split('-');
  if (parts.length !== 2) return undefined;
  const key = TIME_COMMANDS.get(parts[1] ?? '');
  if (key === undefined) {
    const message = `Invalid groupby time option. There is no groupby processing for [${entry}].`;
    throw new InvalidParameterError([{ parameter: 'groupby', message }], message);
  }
  return key;
}

function invalid(message: string): never {
  throw new InvalidParameterError([{ parameter: 'groupby', message }]);
}
