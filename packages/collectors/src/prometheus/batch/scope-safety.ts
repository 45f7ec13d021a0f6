import {
  childOf,
  nodeText,
  type PromqlNode,
  PromqlSyntaxError,
  type PromqlTree,
  parsePromql,
} from '@kitty-collect/prometheus-client-base';
import type { PrometheusExtraArgs } from '../extra-args.js';

/**
 * What a part of the batched query does to the scope label, compared with the per-scope queries:
 * `partitioned` — its series are the union of the per-scope answers, each keeping its scope's label;
 * `free` — it does not depend on the scoped selector (the same in both); `mixed` — it may not be split.
 */
type Verdict =
  | { kind: 'partitioned' }
  | { kind: 'free' }
  | { kind: 'mixed'; option: 'query_prefix' | 'query_suffix'; why: string };

/** A stand-in for the built query between prefix and suffix: an aggregation `by` the scope key. */
const CORE_METRIC = '__kitty_collect_scoped__';

/** Instant-vector functions that work series by series and keep every label but the metric name. */
const SERIES_WISE_FUNCTIONS = new Set(
  'Abs Acos Acosh Asin Asinh Atan Atanh Ceil Clamp ClampMax ClampMin Cos Cosh DayOfMonth DayOfWeek DayOfYear DaysInMonth Deg Exp Floor HistogramAvg HistogramCount HistogramFraction HistogramStdDev HistogramStdVar HistogramSum Hour Ln Log10 Log2 Minute Month Rad Round Sgn Sin Sinh Sort SortByLabel SortByLabelDesc SortDesc Sqrt Tan Tanh Timestamp Year AvgOverTime Changes CountOverTime Delta Deriv DoubleExponentialSmoothing FirstOverTime Idelta Increase Irate LastOverTime MadOverTime MaxOverTime MinOverTime PredictLinear PresentOverTime QuantileOverTime Rate Resets StddevOverTime StdvarOverTime SumOverTime TsOfFirstOverTime TsOfLastOverTime TsOfMaxOverTime TsOfMinOverTime'.split(
    ' ',
  ),
);
/** Aggregations that combine the series of each group (`by`/`without`) and nothing else. */
const GROUP_AGGREGATIONS = new Set(
  'Avg Bottomk Count Group LimitK LimitRatio Max Min Quantile Stddev Stdvar Sum Topk'.split(' '),
);
const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);
const COMPARISON = new Set(['Eql', 'Neq', 'Gtr', 'Gte', 'Lss', 'Lte']);
const TRANSPARENT = new Set([
  'PromQL',
  'ParenExpr',
  'UnaryExpr',
  'OffsetExpr',
  'StepInvariantExpr',
  'SubqueryExpr',
]);
const SCALAR_FUNCTIONS = new Set(['Scalar', 'Time', 'Pi']);

interface Analysis {
  tree: PromqlTree;
  core: { from: number; to: number };
  scopeKey: string;
}

/**
 * Why the batched query of a rating type (every scope at once) could answer otherwise than its per-scope
 * queries, split by the scope label — or `undefined` when it cannot. Decided on the Prometheus grammar's
 * parse tree of `query_prefix <query> query_suffix` by what each construct around the query does to the
 * scope label `scopeKey`: `label_replace`/`label_join` unless they write the scope label, `group_left`/
 * `group_right` unless they copy it, one-to-one matching on a signature that holds it, `and`/`unless`
 * filters, scalar arithmetic and comparisons, aggregations that keep it in `by (…)` (or out of
 * `without (…)`), functions that work series by series. Anything else — `or`, `absent`, `scalar`, an
 * unknown function — is refused: being collected per scope is always correct, only slower.
 */
export function crossScopeReason(
  extraArgs: Pick<PrometheusExtraArgs, 'query_prefix' | 'query_suffix'>,
  scopeKey: string,
): string | undefined {
  const { query_prefix: prefix, query_suffix: suffix } = extraArgs;
  if (prefix === '' && suffix === '') return undefined;
  const core = `sum(${CORE_METRIC}) by (${scopeKey})`;
  const from = prefix === '' ? 0 : prefix.length + 1;
  const query = `${prefix === '' ? '' : `${prefix} `}${core}${suffix === '' ? '' : ` ${suffix}`}`;
  let tree: PromqlTree;
  try {
    tree = parsePromql(query);
  } catch (error) {
    if (!(error instanceof PromqlSyntaxError)) throw error;
    // Prometheus will say where when the query is sent; here only the grammar of the whole is known.
    return 'query_prefix and query_suffix do not form valid PromQL around the query';
  }
  const verdict = analyse({ tree, core: { from, to: from + core.length }, scopeKey }, tree.root);
  if (verdict.kind === 'partitioned') return undefined;
  if (verdict.kind === 'free') return 'query_prefix and query_suffix leave the query out of the result';
  return `${verdict.option} ${verdict.why}`;
}

function analyse(analysis: Analysis, node: PromqlNode): Verdict {
  const { core } = analysis;
  if (node.to <= core.from || node.from >= core.to) return { kind: 'free' };
  if (node.from === core.from && node.to === core.to && node.type === 'AggregateExpr') {
    return { kind: 'partitioned' };
  }
  if (TRANSPARENT.has(node.type)) {
    const inner = node.children.find((child) => contains(child, core));
    return inner === undefined ? notUnderstood(analysis, node) : analyse(analysis, inner);
  }
  switch (node.type) {
    case 'FunctionCall':
      return analyseFunction(analysis, node);
    case 'AggregateExpr':
      return analyseAggregation(analysis, node);
    case 'BinaryExpr':
      return analyseBinary(analysis, node);
    default:
      return notUnderstood(analysis, node);
  }
}

function analyseFunction(analysis: Analysis, node: PromqlNode): Verdict {
  const identifier = childOf(node, 'FunctionIdentifier');
  const name = identifier?.children[0]?.type ?? 'unknown';
  const written = identifier === undefined ? 'a function' : `'${nodeText(analysis.tree, identifier)}'`;
  const args = childOf(node, 'FunctionCallBody')?.children ?? [];
  const scopedIndex = args.findIndex((arg) => contains(arg, analysis.core));
  const scoped = args[scopedIndex];
  if (scoped === undefined) return notUnderstood(analysis, node);
  const mixed = (why: string): Verdict => ({
    kind: 'mixed',
    option: optionOf(analysis, node),
    why: `uses ${written}, which ${why}`,
  });
  const inner = analyse(analysis, scoped);
  if (inner.kind !== 'partitioned') return inner;
  if (name === 'LabelReplace' || name === 'LabelJoin') {
    if (scopedIndex !== 0) return mixed('takes the query where it expects a label');
    const destination = stringValue(analysis.tree, args[1]);
    if (destination === undefined) return mixed('writes a label not given as a plain string');
    return destination === analysis.scopeKey
      ? mixed(`rewrites the scope label '${analysis.scopeKey}'`)
      : inner;
  }
  if (name === 'HistogramQuantile' || name === 'HistogramQuantiles') {
    return analysis.scopeKey === 'le' ? mixed("groups away the label 'le', the scope key") : inner;
  }
  if (SERIES_WISE_FUNCTIONS.has(name)) return inner;
  if (name === 'Absent' || name === 'AbsentOverTime')
    return mixed('answers for the query as a whole, not for each scope');
  if (name === 'Scalar') return mixed("turns every scope's series into one number");
  return mixed('is not known to keep scopes apart');
}

function analyseAggregation(analysis: Analysis, node: PromqlNode): Verdict {
  const operator = childOf(node, 'AggregateOp');
  const name = operator?.children[0]?.type ?? 'unknown';
  const written = operator === undefined ? 'an aggregation' : `'${nodeText(analysis.tree, operator)}'`;
  const args = childOf(node, 'FunctionCallBody')?.children ?? [];
  const scoped = args.at(-1);
  const mixed = (why: string): Verdict => ({
    kind: 'mixed',
    option: optionOf(analysis, node),
    why: `uses ${written}, which ${why}`,
  });
  if (scoped === undefined || !contains(scoped, analysis.core))
    return mixed('takes the query where it expects a parameter');
  const inner = analyse(analysis, scoped);
  if (inner.kind !== 'partitioned') return inner;
  if (!GROUP_AGGREGATIONS.has(name) && name !== 'CountValues')
    return mixed('is not known to keep scopes apart');
  const modifier = childOf(node, 'AggregateModifier');
  const labels = labelsOf(analysis.tree, modifier);
  const keeps =
    modifier === undefined
      ? false
      : childOf(modifier, 'By') !== undefined
        ? labels.includes(analysis.scopeKey)
        : !labels.includes(analysis.scopeKey);
  if (!keeps)
    return mixed(
      `aggregates series of every scope together (group by the scope key '${analysis.scopeKey}' to keep them apart)`,
    );
  if (name === 'CountValues') {
    const label = stringValue(analysis.tree, args[0]);
    if (label === undefined) return mixed('writes a label not given as a plain string');
    if (label === analysis.scopeKey) return mixed(`writes its values into the scope label '${label}'`);
  }
  return inner;
}

function analyseBinary(analysis: Analysis, node: PromqlNode): Verdict {
  const [left, operatorNode] = node.children;
  const right = node.children.at(-1);
  if (left === undefined || operatorNode === undefined || right === undefined)
    return notUnderstood(analysis, node);
  const operator = operatorNode.type;
  const written = `'${nodeText(analysis.tree, operatorNode)}'`;
  const mixed = (why: string): Verdict => ({
    kind: 'mixed',
    option: optionOf(analysis, operatorNode),
    why: `uses ${written}, which ${why}`,
  });
  const scopedOnLeft = contains(left, analysis.core);
  const scoped = analyse(analysis, scopedOnLeft ? left : right);
  if (scoped.kind !== 'partitioned') return scoped;
  const other = scopedOnLeft ? right : left;
  if (operator === 'Or') return mixed("adds the other operand's series, which no scope matcher filtered");
  if (isScalar(other)) {
    return ARITHMETIC.has(operator) || COMPARISON.has(operator)
      ? scoped
      : mixed('is not known to keep scopes apart');
  }
  const matching = childOf(node, 'MatchingModifierClause');
  if (
    matching !== undefined &&
    childOf(matching, 'FillModifier', 'FillClause', 'FillLeftClause', 'FillRightClause') !== undefined
  ) {
    return mixed('fills in series for unmatched ones, which no scope matcher filtered');
  }
  if (operator === 'And' || operator === 'Unless') {
    return scopedOnLeft ? scoped : mixed("keeps the other operand's series, which no scope matcher filtered");
  }
  if (!ARITHMETIC.has(operator) && !COMPARISON.has(operator))
    return mixed('is not known to keep scopes apart');
  const groupLeft = matching === undefined ? undefined : childOf(matching, 'GroupLeft');
  const groupRight = matching === undefined ? undefined : childOf(matching, 'GroupRight');
  const grouping = groupLeft ?? groupRight;
  if (grouping !== undefined && matching !== undefined) {
    const many = groupLeft !== undefined ? scopedOnLeft : !scopedOnLeft;
    const copied = labelsAfter(analysis.tree, matching, grouping);
    const modifier = `'${nodeText(analysis.tree, grouping)}'`;
    const why = (text: string): Verdict => ({
      kind: 'mixed',
      option: optionOf(analysis, grouping),
      why: `uses ${modifier}, which ${text}`,
    });
    if (!many)
      return why('puts the query on the "one" side of the match, where series of several scopes collide');
    if (copied.includes(analysis.scopeKey))
      return why(`copies the scope label '${analysis.scopeKey}' from the other operand`);
    return scoped;
  }
  // One-to-one: the result keeps the matching signature's labels (`on`) or drops `ignoring`'s.
  const on = matching === undefined ? undefined : childOf(matching, 'On');
  const labels =
    matching === undefined ? [] : labelsAfter(analysis.tree, matching, on ?? childOf(matching, 'Ignoring'));
  const keeps = on !== undefined ? labels.includes(analysis.scopeKey) : !labels.includes(analysis.scopeKey);
  return keeps
    ? scoped
    : mixed(
        `matches one to one without the scope label '${analysis.scopeKey}', so series of several scopes meet`,
      );
}

function notUnderstood(analysis: Analysis, node: PromqlNode): Verdict {
  return {
    kind: 'mixed',
    option: optionOf(analysis, node),
    why: `uses '${nodeText(analysis.tree, node).slice(0, 40)}', which is not known to keep scopes apart`,
  };
}

function contains(node: PromqlNode, span: { from: number; to: number }): boolean {
  return node.from <= span.from && node.to >= span.to;
}

/** Which option wrote `node` (its start, or for the built query's own node, its end). */
function optionOf(analysis: Analysis, node: PromqlNode): 'query_prefix' | 'query_suffix' {
  return node.from < analysis.core.from ? 'query_prefix' : 'query_suffix';
}

/** The label names of the `GroupingLabels` in `modifier` (an AggregateModifier). */
function labelsOf(tree: PromqlTree, modifier: PromqlNode | undefined): string[] {
  const labels = modifier === undefined ? undefined : childOf(modifier, 'GroupingLabels');
  return labels === undefined ? [] : labels.children.map((label) => labelName(tree, label));
}

/** The labels of the `GroupingLabels` right after `keyword` among `clause`'s children. */
function labelsAfter(tree: PromqlTree, clause: PromqlNode, keyword: PromqlNode | undefined): string[] {
  if (keyword === undefined) return [];
  const next = clause.children[clause.children.indexOf(keyword) + 1];
  return next?.type === 'GroupingLabels' ? next.children.map((label) => labelName(tree, label)) : [];
}

function labelName(tree: PromqlTree, label: PromqlNode): string {
  const text = nodeText(tree, label);
  return label.type === 'QuotedLabelName' ? (unquote(text) ?? text) : text;
}

/** The value of a plain string literal node, `undefined` for anything else. */
function stringValue(tree: PromqlTree, node: PromqlNode | undefined): string | undefined {
  return node?.type === 'StringLiteral' ? unquote(nodeText(tree, node)) : undefined;
}

/** PromQL string literal text → value (Go's escapes in "…" and '…', none in `…`); `undefined` if unsure. */
function unquote(text: string): string | undefined {
  const quote = text[0];
  if (quote === '`') return text.slice(1, -1);
  if (quote !== '"' && quote !== "'") return undefined;
  const body = text.slice(1, -1);
  let value = '';
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] as string;
    if (char !== '\\') {
      value += char;
      continue;
    }
    index += 1;
    const escaped = SIMPLE_ESCAPES[body[index] ?? ''];
    // \x41, \101, \u00e9: not in a label name a configuration would use
    if (escaped === undefined) return undefined;
    value += escaped;
  }
  return value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  t: '\t',
  r: '\r',
};

/** Whether `node` certainly evaluates to a scalar. */
function isScalar(node: PromqlNode): boolean {
  switch (node.type) {
    case 'NumberDurationLiteral':
      return true;
    case 'ParenExpr':
    case 'UnaryExpr':
      return node.children.at(-1) !== undefined && isScalar(node.children.at(-1) as PromqlNode);
    case 'BinaryExpr': {
      const left = node.children[0];
      const right = node.children.at(-1);
      return left !== undefined && right !== undefined && isScalar(left) && isScalar(right);
    }
    case 'FunctionCall':
      return SCALAR_FUNCTIONS.has(childOf(node, 'FunctionIdentifier')?.children[0]?.type ?? '');
    default:
      return false;
  }
}
