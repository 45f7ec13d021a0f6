import { compareNumbers } from './exact-number.js';
import { PythonError, typeError } from './python-error.js';
import { hashKey, isPyNumber, PyDict, PySequence, type PyValue, typeName } from './python-value.js';

export type OrderOperator = '<' | '<=' | '>' | '>=';

/**
 * Python's `a == b` for the values of the subset: numbers of any kind by exact value (`True == 1`,
 * `Decimal('1') == 1.0`), strings by content, lists with lists and tuples with tuples item by item, dicts
 * by their items; anything else (`'1' == 1`, `[1] == (1,)`, `None == 0`) is False.
 */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === null || b === null) return a === b;
  if (isPyNumber(a)) return isPyNumber(b) && compareNumbers(a, b) === 0;
  if (typeof a === 'string') return a === b;
  if (a instanceof PySequence) {
    return (
      b instanceof PySequence &&
      a.type === b.type &&
      a.items.length === b.items.length &&
      a.items.every((item, index) => pyEquals(item, b.items[index] as PyValue))
    );
  }
  if (!(b instanceof PyDict) || a.size !== b.size) return false;
  for (const [key, value] of a.entries()) {
    const other = dictLookup(b, key);
    if (other === undefined || !pyEquals(value, other)) return false;
  }
  return true;
}

/**
 * Python's `<`, `<=`, `>`, `>=`: numbers with numbers, strings with strings (by code point), lists with
 * lists and tuples with tuples (at the first item that differs). Any other pair raises TypeError, as
 * `'a' < 1` and `None < 1` do in Python 3.
 */
export function pyOrder(operator: OrderOperator, a: PyValue, b: PyValue): boolean {
  if (isPyNumber(a) && isPyNumber(b)) {
    const order = compareNumbers(a, b);
    // Python's Decimal signals InvalidOperation when ordering a NaN.
    if (order === undefined) throw new PythonError('decimal.InvalidOperation: comparison involving NaN');
    return holds(operator, order);
  }
  if (typeof a === 'string' && typeof b === 'string') return holds(operator, compareCodePoints(a, b));
  if (a instanceof PySequence && b instanceof PySequence && a.type === b.type) {
    const differing = a.items.findIndex(
      (item, index) => index < b.items.length && !pyEquals(item, b.items[index] as PyValue),
    );
    if (differing === -1) return holds(operator, Math.sign(a.items.length - b.items.length) as -1 | 0 | 1);
    return pyOrder(operator, a.items[differing] as PyValue, b.items[differing] as PyValue);
  }
  throw typeError(`'${operator}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function holds(operator: OrderOperator, order: -1 | 0 | 1): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** Python orders strings by code point; JavaScript's `<` by UTF-16 unit, which differs above U+FFFF. */
function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - i - (b.length - j)) as -1 | 0 | 1;
}

/**
 * Python's `item in container`: a key of a dict, a substring of a str, an item of a list or tuple (by
 * `==`). A str container needs a str item; any other container raises TypeError (`1 in 5`).
 */
export function pyContains(container: PyValue, item: PyValue): boolean {
  if (container instanceof PyDict) return dictLookup(container, item) !== undefined;
  if (container instanceof PySequence) return container.items.some((member) => pyEquals(member, item));
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return container.includes(item);
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** `dict[key]` without raising for a missing key (undefined); an unhashable key raises TypeError. */
export function dictLookup(dict: PyDict, key: PyValue): PyValue | undefined {
  if (typeof key === 'string') return dict.stringValue(key);
  const hash = hashKey(key);
  return hash === undefined ? undefined : dict.otherValue(hash);
}

/**
 * A dict display `{k: v, …}`: of equal keys the first stays, with the last value (as Python builds it), in
 * one pass whatever the number of keys.
 */
export function buildDict(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
  const strings: Record<string, PyValue> = Object.create(null);
  const others = new Map<string, [PyValue, PyValue]>();
  let unequal = 0;
  for (const [key, value] of entries) {
    if (typeof key === 'string') {
      strings[key] = value;
      continue;
    }
    // A NaN equals no other key, not even itself: its own entry, never found again.
    const hash = hashKey(key) ?? `nan ${unequal++}`;
    const same = others.get(hash);
    if (same === undefined) others.set(hash, [key, value]);
    else same[1] = value;
  }
  return new PyDict(strings, others);
}
