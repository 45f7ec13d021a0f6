export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/**
 * The parsed form of a `skip_datapoints_expression`: only what the supported subset can say. `position`
 * is the 1-based column where the node starts (an operator's, for comparisons and unary signs).
 */
export type SkipNode =
  /** `None`, `True`, `False`, an int, a float or a str. */
  | { kind: 'constant'; value: null | boolean | bigint | number | string; position: number }
  /** The name `datapoint`: the point as a dict. */
  | { kind: 'datapoint'; position: number }
  | { kind: 'sequence'; type: 'list' | 'tuple'; items: readonly SkipNode[]; position: number }
  | { kind: 'dict'; entries: readonly (readonly [SkipNode, SkipNode])[]; position: number }
  /** `target.get(key)` or `target.get(key, fallback)`. */
  | { kind: 'get'; target: SkipNode; key: SkipNode; fallback: SkipNode | undefined; position: number }
  /** `target[key]`. */
  | { kind: 'subscript'; target: SkipNode; key: SkipNode; position: number }
  /** `first op₁ operand₁ op₂ operand₂ …`: Python's chain, `a < b < c` is `a < b and b < c` with b once. */
  | {
      kind: 'compare';
      first: SkipNode;
      rest: readonly { op: CompareOperator; operand: SkipNode; position: number }[];
      position: number;
    }
  /** `a and b and …` / `a or b or …`: the operand that decides, as Python returns it. */
  | { kind: 'bool'; op: 'and' | 'or'; operands: readonly SkipNode[]; position: number }
  | { kind: 'not'; operand: SkipNode; position: number }
  | { kind: 'unary'; op: '-' | '+'; operand: SkipNode; position: number };

/** A parsed expression with the text it came from (kept for messages, `validate` and the service). */
export class SkipExpression {
  constructor(
    readonly text: string,
    readonly root: SkipNode,
  ) {}

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}
