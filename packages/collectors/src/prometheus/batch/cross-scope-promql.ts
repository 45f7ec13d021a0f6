import type { PrometheusExtraArgs } from '../extra-args.js';

/**
 * PromQL that, put around the query by `query_prefix` or `query_suffix`, can make the batched query
 * (every scope at once) answer differently from the per-scope queries. Some of it keeps the scope label
 * (`topk` keeps the labels of the series it ranks), so the label check on the answer cannot catch it.
 * Matched as whole words, case-insensitively (PromQL keywords are case-insensitive): this is a word list,
 * not a parser, so it also refuses harmless forms such as `sum by (project_id) (`. Being collected per
 * scope is always correct, only slower.
 */
const CROSS_SCOPE_WORDS: readonly (readonly [words: readonly string[], why: string])[] = [
  [['topk', 'bottomk', 'limitk', 'limit_ratio'], 'ranks or samples series across every scope at once'],
  [
    ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'quantile', 'count_values'],
    'aggregates series, across scopes unless grouped by the scope key',
  ],
  [['absent', 'absent_over_time'], 'answers for the query as a whole, not for each scope'],
  [['label_replace', 'label_join'], 'can rewrite the scope label'],
  [['or'], "adds the other operand's series, which no scope matcher filtered"],
  [['group_left', 'group_right'], 'can copy labels, the scope key too, from the other operand'],
];

const PATTERNS = CROSS_SCOPE_WORDS.map(([words, why]) => ({
  // Identifiers (metric names too: `job:sum:rate5m`) are made of [A-Za-z0-9_:].
  pattern: new RegExp(`(?<![\\w:])(${words.join('|')})(?![\\w:])`, 'i'),
  why,
}));

/**
 * Why a rating type must be collected per scope even in batched mode, or `undefined` when its batched
 * query is safe to split by scope label (the label check on the answer still applies).
 */
export function crossScopeReason(
  extraArgs: Pick<PrometheusExtraArgs, 'query_prefix' | 'query_suffix'>,
): string | undefined {
  for (const option of ['query_prefix', 'query_suffix'] as const) {
    for (const { pattern, why } of PATTERNS) {
      const word = pattern.exec(extraArgs[option])?.[1];
      if (word !== undefined) return `${option} uses '${word}', which ${why}`;
    }
  }
  return undefined;
}
