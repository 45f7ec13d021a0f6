import { lexPromQL, type Token } from './lexer.js';

/**
 * Aetos' rewrite for a `reader`: every vector selector of the query gets the matcher
 * `<label>="<project id>"`, so that only the token's project is visible.
 *
 * Aetos itself (python-observabilityclient's PromQLRbac) finds selectors by searching the query for the metric
 * names Prometheus knows; this works on PromQL tokens instead, so it also restricts `{__name__=…}` selectors,
 * metrics Prometheus has never seen and metrics named like keywords (`sum`, `by`, `offset` are valid metric
 * names where an expression is expected), and it leaves strings, comments, function names, grouping labels
 * and durations alone. Whatever it cannot classify it treats as a selector: a wrong guess can break a query,
 * never widen it.
 */
export function restrictQueryToProject(query: string, label: string, projectId: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) {
    throw new Error(`restrictQueryToProject: ${JSON.stringify(label)} is not a label name`);
  }
  const matcher = `${label}=${promqlString(projectId)}`;
  const tokens = lexPromQL(query);
  const insertions: { at: number; text: string }[] = [];

  const AGGREGATORS = new Set([
    'sum',
    'avg',
    'count',
    'min',
    'max',
    'group',
    'stddev',
    'stdvar',
    'topk',
    'bottomk',
    'count_values',
    'quantile',
  ]);
  const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
  const BINARY_KEYWORDS = new Set(['and', 'or', 'unless', 'atan2']);

  const lower = (token: Token | undefined) => token?.text.toLowerCase();
  /** Index of the token closing the group opened at `open` (or the last token when unbalanced). */
  const closing = (open: number, openKind: Token['kind'], closeKind: Token['kind']): number => {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
      const kind = tokens[i]?.kind;
      if (kind === openKind) depth++;
      else if (kind === closeKind && --depth === 0) return i;
    }
    return tokens.length - 1;
  };
  /** Adds the matcher inside the braces opened at `open`; returns the index of the closing brace. */
  const restrictBraces = (open: number): number => {
    const close = closing(open, 'left-brace', 'right-brace');
    const closeToken = tokens[close];
    const inner = tokens.slice(open + 1, closeToken?.kind === 'right-brace' ? close : close + 1);
    const last = inner.at(-1);
    const at = closeToken?.kind === 'right-brace' ? closeToken.start : query.length;
    const separator = last === undefined ? '' : last.kind === 'comma' ? ' ' : ', ';
    insertions.push({ at, text: `${separator}${matcher}${closeToken?.kind === 'right-brace' ? '' : '}'}` });
    return close;
  };

  let expectOperand = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    switch (token.kind) {
      case 'identifier': {
        const word = token.text.toLowerCase();
        if (GROUPING.has(word) && next?.kind === 'left-paren') {
          // by (...), without (...), on (...), ignoring (...), group_left (...): label names, not selectors
          i = closing(i + 1, 'left-paren', 'right-paren');
          expectOperand = word === 'by' || word === 'without' ? expectOperand : true;
          break;
        }
        if (next?.kind === 'left-paren') {
          // a function call, an aggregation, or @ start() / end()
          expectOperand = true;
          break;
        }
        if (AGGREGATORS.has(word) && (lower(next) === 'by' || lower(next) === 'without')) {
          expectOperand = true; // sum by (x) (...)
          break;
        }
        if (word === 'bool' || word === 'group_left' || word === 'group_right') {
          expectOperand = true;
          break;
        }
        if (!expectOperand && (BINARY_KEYWORDS.has(word) || word === 'offset')) {
          expectOperand = true;
          break;
        }
        if (!expectOperand && (word === 'by' || word === 'without' || word === 'on' || word === 'ignoring')) {
          expectOperand = true;
          break;
        }
        if (word === 'inf' || word === 'nan') {
          expectOperand = false;
          break;
        }
        // a metric name: restrict its selector
        if (next?.kind === 'left-brace') i = restrictBraces(i + 1);
        else insertions.push({ at: token.end, text: `{${matcher}}` });
        expectOperand = false;
        break;
      }
      case 'left-brace':
        i = restrictBraces(i);
        expectOperand = false;
        break;
      case 'left-bracket':
        i = closing(i, 'left-bracket', 'right-bracket');
        expectOperand = false;
        break;
      case 'number':
      case 'string':
      case 'right-paren':
      case 'right-bracket':
      case 'right-brace':
        expectOperand = false;
        break;
      default:
        expectOperand = true; // ( , operators, anything unknown
    }
  }

  let out = query;
  for (const { at, text } of insertions.sort((a, b) => b.at - a.at)) {
    out = `${out.slice(0, at)}${text}${out.slice(at)}`;
  }
  return out;
}

/** A PromQL double-quoted string literal. */
export function promqlString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
