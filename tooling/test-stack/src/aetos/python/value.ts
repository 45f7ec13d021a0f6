/**
 * A JSON document as Python's `json.loads` sees it: integers and floats stay apart and objects keep their key
 * order, so that it can be written back the way Aetos (Python) writes it.
 */
export type PyValue = null | boolean | string | PyInt | PyFloat | PyValue[] | PyDict;

export interface PyInt {
  readonly kind: 'int';
  readonly value: bigint;
}

export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
}

export interface PyDict {
  readonly kind: 'dict';
  readonly entries: Map<string, PyValue>;
}

export const pyInt = (value: bigint): PyInt => ({ kind: 'int', value });
export const pyFloat = (value: number): PyFloat => ({ kind: 'float', value });
export const pyDict = (entries: Iterable<readonly [string, PyValue]>): PyDict => ({
  kind: 'dict',
  entries: new Map(entries),
});

export function isPyDict(value: PyValue): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'dict';
}

/** A plain JavaScript value (from JSON.parse or written by hand) as a PyValue; integers become ints. */
export function toPyValue(value: unknown): PyValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? pyInt(BigInt(value)) : pyFloat(value);
  if (typeof value === 'bigint') return pyInt(value);
  if (Array.isArray(value)) return value.map(toPyValue);
  if (typeof value === 'object') {
    return pyDict(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPyValue(v)]));
  }
  throw new TypeError(`cannot represent ${typeof value} as a Python value`);
}

/** Back to plain JavaScript (ints outside the safe range become floats). */
export function fromPyValue(value: PyValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fromPyValue);
  if (value.kind === 'int') return Number(value.value);
  if (value.kind === 'float') return value.value;
  return Object.fromEntries([...value.entries].map(([k, v]) => [k, fromPyValue(v)]));
}
