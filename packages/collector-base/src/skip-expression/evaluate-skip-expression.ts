import type { DataPoint } from '../dataframe/data-point.js';
import { SkipExpressionEvaluationError } from '../errors/skip-expression-evaluation-error.js';
import type { CompareOperator, SkipExpression, SkipNode } from './ast.js';
import { negate, positive } from './exact-number.js';
import { buildDict, dictLookup, pyContains, pyEquals, pyOrder } from './python-compare.js';
import { PythonError, typeError } from './python-error.js';
import {
  describeValue,
  isPyNumber,
  isTruthy,
  PyDict,
  PySequence,
  type PyValue,
  typeName,
} from './python-value.js';

export interface EvaluateSkipExpressionOptions {
  /** The rating type (display name) of the point, named by the error when evaluation raises. */
  ratingType?: string;
}

/**
 * Whether `point` is to be skipped: Python's truthiness of the expression with `datapoint` bound to the
 * point as CloudKitty's dict, `{"vol": {"unit", "qty"}, "rating": {"price"}, "groupby": {…}, "metadata":
 * {…}}` (qty and price are Decimals). What Python's `eval` would raise (a KeyError, a TypeError for
 * `'a' < 1`…) raises {@link SkipExpressionEvaluationError}.
 */
export function evaluateSkipExpression(
  expression: SkipExpression,
  point: DataPoint,
  options: EvaluateSkipExpressionOptions = {},
): boolean {
  try {
    return isTruthy(evaluate(expression.root, new PointScope(point)));
  } catch (error) {
    if (!(error instanceof LocatedError)) throw error;
    throw new SkipExpressionEvaluationError({
      expression: expression.text,
      reason: error.reason,
      position: error.position,
      ...(options.ratingType === undefined ? {} : { ratingType: options.ratingType }),
    });
  }
}

/** The point as a dict, built on first use: `False` alone never builds it. */
class PointScope {
  readonly #point: DataPoint;
  #dict: PyDict | undefined;

  constructor(point: DataPoint) {
    this.#point = point;
  }

  get datapoint(): PyDict {
    const point = this.#point;
    this.#dict ??= new PyDict({
      vol: new PyDict({ unit: point.unit, qty: point.qty }),
      rating: new PyDict({ price: point.price }),
      groupby: new PyDict(point.groupby),
      metadata: new PyDict(point.metadata),
    });
    return this.#dict;
  }
}

/** A Python error with the column of the operation that raised it. */
class LocatedError {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {}
}

/** Runs one operation of the node at `position`, locating the Python error it raises. */
function at<T>(position: number, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof PythonError) throw new LocatedError(error.reason, position);
    throw error;
  }
}

function evaluate(node: SkipNode, scope: PointScope): PyValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'datapoint':
      return scope.datapoint;
    case 'sequence':
      return once(
        node,
        () =>
          new PySequence(
            node.type,
            node.items.map((item) => evaluate(item, scope)),
          ),
      );
    case 'dict':
      return once(node, () => {
        // Key, then value, entry after entry, as Python evaluates a display.
        const entries = node.entries.map(
          ([key, value]) => [evaluate(key, scope), evaluate(value, scope)] as const,
        );
        return at(node.position, () => buildDict(entries));
      });
    case 'get': {
      const target = evaluate(node.target, scope);
      // The attribute is looked up before the arguments are evaluated, as in Python.
      if (!(target instanceof PyDict)) {
        throw new LocatedError(
          `AttributeError: '${typeName(target)}' object has no attribute 'get'`,
          node.position,
        );
      }
      const key = evaluate(node.key, scope);
      const fallback = node.fallback === undefined ? null : evaluate(node.fallback, scope);
      return at(node.position, () => dictLookup(target, key)) ?? fallback;
    }
    case 'subscript': {
      const target = evaluate(node.target, scope);
      const key = evaluate(node.key, scope);
      return at(node.position, () => subscript(target, key));
    }
    case 'compare': {
      let left = evaluate(node.first, scope);
      for (const { op, operand, position } of node.rest) {
        const right = evaluate(operand, scope);
        // A chain stops at the first false link; the operands after it are not evaluated.
        if (!at(position, () => compare(op, left, right))) return false;
        left = right;
      }
      return true;
    }
    case 'bool': {
      let value: PyValue = null;
      for (const operand of node.operands) {
        value = evaluate(operand, scope);
        if (isTruthy(value) === (node.op === 'or')) return value;
      }
      return value;
    }
    case 'not':
      return !isTruthy(evaluate(node.operand, scope));
    case 'unary': {
      const value = evaluate(node.operand, scope);
      if (!isPyNumber(value)) {
        throw new LocatedError(
          `TypeError: bad operand type for unary ${node.op}: '${typeName(value)}'`,
          node.position,
        );
      }
      return node.op === '-' ? negate(value) : positive(value);
    }
  }
}

/** The values of displays made of literals only: the same at every point, and never changed by anything. */
const literalDisplays = new WeakMap<SkipNode, PyValue>();

/**
 * A list, tuple or dict display: built once per expression when it holds literals only (a dict of 400
 * keys is then not rebuilt for each of 100,000 points), else at each evaluation. A display that raises
 * (`{[]: 1}`) is never kept, so it raises each time, as in Python.
 */
function once(node: SkipNode, build: () => PyValue): PyValue {
  if (!isLiteral(node)) return build();
  const known = literalDisplays.get(node);
  if (known !== undefined) return known;
  const value = build();
  literalDisplays.set(node, value);
  return value;
}

function isLiteral(node: SkipNode): boolean {
  switch (node.kind) {
    case 'constant':
      return true;
    case 'sequence':
      return node.items.every(isLiteral);
    case 'dict':
      return node.entries.every(([key, value]) => isLiteral(key) && isLiteral(value));
    case 'unary':
      return isLiteral(node.operand);
    default:
      return false;
  }
}

function compare(op: CompareOperator, left: PyValue, right: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEquals(left, right);
    case '!=':
      return !pyEquals(left, right);
    case 'in':
      return pyContains(right, left);
    case 'not in':
      return !pyContains(right, left);
    default:
      return pyOrder(op, left, right);
  }
}

/** `target[key]`: a dict's value (KeyError when absent), or an item of a list, tuple or str by index. */
function subscript(target: PyValue, key: PyValue): PyValue {
  if (target instanceof PyDict) {
    const value = dictLookup(target, key);
    if (value === undefined) throw new PythonError(`KeyError: ${describeValue(key)}`);
    return value;
  }
  if (target instanceof PySequence || typeof target === 'string') {
    const items = typeof target === 'string' ? Array.from(target) : target.items;
    const kind = typeof target === 'string' ? 'string' : target.type;
    if (typeof key !== 'bigint' && typeof key !== 'boolean') {
      throw typeError(
        typeof target === 'string'
          ? `string indices must be integers, not '${typeName(key)}'`
          : `${kind} indices must be integers or slices, not ${typeName(key)}`,
      );
    }
    const index = BigInt(key) < 0n ? BigInt(key) + BigInt(items.length) : BigInt(key);
    if (index < 0n || index >= BigInt(items.length))
      throw new PythonError(`IndexError: ${kind} index out of range`);
    return items[Number(index)] as PyValue;
  }
  throw typeError(`'${typeName(target)}' object is not subscriptable`);
}
