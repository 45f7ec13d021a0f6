import { PrometheusQueryOptionsError } from '../errors/prometheus-query-options-error.js';
import { childOf, editQuery, type PromqlNode, parsePromql, type QueryEdit } from './promql-tree.js';

/** What `@` may follow, directly or behind `offset` (and Prometheus 3's `anchored`/`smoothed`). */
const PINNABLE = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);
const MODIFIER_WRAPPERS = new Set(['OffsetExpr', 'AnchoredExpr', 'SmoothedExpr']);
/** Date functions whose argument defaults to `vector(time())`. */
const DATE_FUNCTIONS = new Set([
  'DayOfMonth',
  'DayOfWeek',
  'DayOfYear',
  'DaysInMonth',
  'Hour',
  'Minute',
  'Month',
  'Year',
]);

/**
 * `query` made to answer, evaluated at any time, what it answers evaluated at `at` (Prometheus' `time`
 * parameter): every vector selector, range selector and subquery that has no `@` yet gets `@ <unix seconds>`
 * (after its `offset`, which stays valid in either order), `@ start()`/`@ end()` become that instant (an
 * instant query's start and end), and so do `time()` and the argument-less date functions (`hour()` …)
 * outside subqueries. Inside a subquery nothing else is pinned: its steps are relative to the subquery's
 * own, now pinned, evaluation time. For servers that take no `time` parameter (Aetos 1.0); needs the `@`
 * modifier, on by default since Prometheus 2.33. A PromqlSyntaxError when the query cannot be read.
 */
export function pinQueryAt(query: string, at: Date | number | string): string {
  const instant = formatUnixSeconds(evaluationInstant(at));
  const tree = parsePromql(query);
  const edits: QueryEdit[] = [];
  const pending: { node: PromqlNode; relative: boolean }[] = [{ node: tree.root, relative: false }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, relative } = item;
    const descend = (children: readonly PromqlNode[], childrenRelative: boolean) => {
      for (const child of children) pending.push({ node: child, relative: childrenRelative });
    };
    if (node.type === 'AtModifierPreprocessors') {
      edits.push({ from: node.from, to: node.to + parenthesesAfter(query, node.to), insert: instant });
      continue;
    }
    if (relative) {
      descend(node.children, true);
      continue;
    }
    const target = modifiedExpression(node);
    if (target !== undefined) {
      if (target.type === 'StepInvariantExpr') {
        descend(node.children, true); // pinned already: only its start()/end() still need the instant
      } else {
        edits.push({ from: node.to, to: node.to, insert: ` @ ${instant}` });
        if (target.type === 'SubqueryExpr') descend(node.children, true);
      }
      continue;
    }
    if (node.type === 'FunctionCall') {
      const name = childOf(node, 'FunctionIdentifier')?.children[0]?.type;
      const body = childOf(node, 'FunctionCallBody');
      if (name === 'Time') {
        edits.push({ from: node.from, to: node.to, insert: instant });
        continue;
      }
      if (
        name !== undefined &&
        DATE_FUNCTIONS.has(name) &&
        body !== undefined &&
        body.children.length === 0
      ) {
        edits.push({ from: body.from, to: body.to, insert: `(vector(${instant}))` });
        continue;
      }
    }
    descend(node.children, false);
  }
  return editQuery(query, edits);
}

/**
 * The selector, subquery or `@` expression that `node` is, or that its `offset` (`anchored`,
 * `smoothed`) modifiers wrap; `undefined` for any other node.
 */
function modifiedExpression(node: PromqlNode): PromqlNode | undefined {
  let current: PromqlNode | undefined = node;
  while (current !== undefined && MODIFIER_WRAPPERS.has(current.type)) current = current.children[0];
  if (current === undefined) return undefined;
  return PINNABLE.has(current.type) || current.type === 'StepInvariantExpr' ? current : undefined;
}

/** `start()`'s node covers the name only: the length of the `( )` that follow it. */
function parenthesesAfter(query: string, offset: number): number {
  return /^\s*\(\s*\)/.exec(query.slice(offset))?.[0].length ?? 0;
}

/**
 * Unix seconds of an evaluation time as Prometheus reads the `time` parameter: a Date, unix seconds
 * (number or decimal string), or an RFC 3339 string.
 */
export function evaluationInstant(time: Date | number | string): number {
  const milliseconds =
    time instanceof Date
      ? time.getTime()
      : typeof time === 'number'
        ? time * 1000
        : /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(time)
          ? Number(time) * 1000
          : Date.parse(time);
  if (!Number.isFinite(milliseconds)) {
    throw new PrometheusQueryOptionsError('time', `cannot read ${JSON.stringify(String(time))} as a time`);
  }
  return Math.round(milliseconds) / 1000;
}

/** Unix seconds as PromQL's `@` takes them: a decimal with at most millisecond digits. */
function formatUnixSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3).replace(/0+$/, '');
}
