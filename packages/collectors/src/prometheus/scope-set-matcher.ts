import { promqlString } from './promql-string.js';

/** RE2's metacharacters (Prometheus matches label values with Go's RE2 syntax). */
const REGEX_METACHARACTERS = /[\\^$.|?*+()[\]{}]/g;

/**
 * `{scope_key=~"a|b|…"}`: the series of exactly these scopes, each id escaped as a literal (Prometheus
 * anchors the expression and looks an alternation of literals up in its index, as it does `=`). An
 * empty id matches series without the label, as `{scope_key=""}` does.
 */
export function scopeSetMatcher(scopeKey: string, scopeIds: readonly string[]): string {
  if (scopeIds.length === 0) throw new RangeError('scopeSetMatcher needs at least one scope id');
  const alternation = scopeIds.map((scopeId) => scopeId.replace(REGEX_METACHARACTERS, '\\$&')).join('|');
  return `{${scopeKey}=~${promqlString(alternation)}}`;
}
