import { parser } from '@prometheus-io/lezer-promql';
import { PromqlSyntaxError } from '../errors/promql-syntax-error.js';

/**
 * One node of a query's syntax tree, named as in the Prometheus project's own grammar
 * (`@prometheus-io/lezer-promql`): `VectorSelector`, `MatrixSelector`, `SubqueryExpr`, `AggregateExpr`,
 * `BinaryExpr`, `FunctionCall`, `GroupingLabels`, `LabelName`, … `from`/`to` are offsets into the query.
 */
export interface PromqlNode {
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly children: readonly PromqlNode[];
}

/** A query and its tree: the text of any node is a slice of the query, so edits keep the rest verbatim. */
export interface PromqlTree {
  readonly query: string;
  readonly root: PromqlNode;
}

/** Text to put in place of `query.slice(from, to)` (an insertion when `from === to`). */
export interface QueryEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/**
 * Brackets deeper than this are refused before parsing: the grammar's tree building recurses, and no real
 * query comes near it (Prometheus' own parser is recursive too).
 */
export const MAX_NESTING = 256;

/** Where brackets (`(`, `[`, `{`) first nest deeper than `limit`, outside strings and comments. */
function nestingBeyond(query: string, limit: number): number | undefined {
  let depth = 0;
  for (let index = 0; index < query.length; index += 1) {
    const char = query[index];
    if (char === '"' || char === "'" || char === '`') {
      // skip the string (Go escapes in "…" and '…', none in `…`)
      for (index += 1; index < query.length && query[index] !== char; index += 1) {
        if (char !== '`' && query[index] === '\\') index += 1;
      }
    } else if (char === '#') {
      while (index < query.length && query[index] !== '\n') index += 1;
    } else if (char === '(' || char === '[' || char === '{') {
      depth += 1;
      if (depth > limit) return index;
    } else if (char === ')' || char === ']' || char === '}') {
      depth -= 1;
    }
  }
  return undefined;
}

/**
 * The syntax tree of `query`; a PromqlSyntaxError at the first place the grammar cannot read. Only syntax
 * is checked: types (an instant vector where a range vector is due, say) are Prometheus' to judge.
 */
export function parsePromql(query: string): PromqlTree {
  const tooDeep = nestingBeyond(query, MAX_NESTING);
  if (tooDeep !== undefined) throw new PromqlSyntaxError(query, tooDeep);
  let cursor: ReturnType<ReturnType<typeof parser.parse>['cursor']>;
  try {
    cursor = parser.parse(query).cursor();
  } catch (error) {
    // The grammar's tree building recurses; whatever the nesting check let through must still not escape.
    if (error instanceof RangeError) throw new PromqlSyntaxError(query, 0);
    throw error;
  }
  const stack: { type: string; from: number; to: number; children: PromqlNode[] }[] = [];
  let root: PromqlNode | undefined;
  let error: number | undefined;
  // Iterative walk: a hostile query nests deeply, and recursion would overflow the stack first.
  for (;;) {
    if (cursor.type.isError) error ??= cursor.from;
    const node = { type: cursor.name, from: cursor.from, to: cursor.to, children: [] };
    const parent = stack.at(-1);
    if (parent === undefined) root = node;
    else parent.children.push(node);
    if (cursor.firstChild()) {
      stack.push(node);
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) break;
      stack.pop();
    }
    if (stack.length === 0) break;
  }
  if (error !== undefined) throw new PromqlSyntaxError(query, error);
  if (root === undefined || root.children.length === 0) throw new PromqlSyntaxError(query, 0);
  return { query, root };
}

/** The text of `node` in `tree`'s query. */
export function nodeText(tree: PromqlTree, node: PromqlNode): string {
  return tree.query.slice(node.from, node.to);
}

/** `query` with `edits` applied; the edits must not overlap (insertions at one offset keep their order). */
export function editQuery(query: string, edits: readonly QueryEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.from - b.edit.from || a.edit.to - b.edit.to || a.index - b.index)
    .map(({ edit }) => edit);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.from < at || edit.to < edit.from || edit.to > query.length) {
      throw new RangeError(`editQuery: edit [${edit.from}, ${edit.to}) overlaps another or leaves the query`);
    }
    result += query.slice(at, edit.from) + edit.insert;
    at = edit.to;
  }
  return result + query.slice(at);
}

/** The first direct child of `node` of one of `types`. */
export function childOf(node: PromqlNode, ...types: string[]): PromqlNode | undefined {
  return node.children.find((child) => types.includes(child.type));
}
