import type { SummaryColumn, SummaryField, SummaryFunction } from '../../storage/summary-query.js';
import { InvalidCustomFieldsError } from '../errors/invalid-custom-fields-error.js';

/** CloudKitty's default (InfluxStorage.total). */
export const DEFAULT_CUSTOM_FIELDS = 'SUM(qty) AS qty, SUM(price) AS rate';

/** A summary has a handful of columns: more is a mistake, or someone probing. */
export const MAX_CUSTOM_FIELDS_LENGTH = 1000;
export const MAX_CUSTOM_FIELDS = 32;

const FUNCTIONS: readonly SummaryFunction[] = ['SUM', 'MIN', 'MAX', 'AVG', 'COUNT'];
const COLUMNS: readonly SummaryColumn[] = ['qty', 'price'];

/** An unquoted InfluxQL identifier: what CloudKitty's Influx storage takes as an alias. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `NAME(argument)rest`: the call, then whatever follows its last `)`. */
const CALL = /^([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)(.*)$/s;
const ALIAS = /^\s*AS\s+(.*)$/is;

/** Columns of every row already: an alias there would hide them (CloudKitty overwrites one with the other). */
const RESERVED = new Set(['begin', 'end']);

interface ParsedField {
  fn: SummaryFunction;
  column: SummaryColumn;
  alias?: string;
}

/**
 * CloudKitty's `custom_fields` (InfluxQL select expressions), restricted to what SQL computes exactly:
 * comma-separated `FUNCTION(column) [AS alias]`, FUNCTION one of SUM, MIN, MAX, AVG, COUNT (any case),
 * column `qty` or `price`, alias an identifier. Anything else throws InvalidCustomFieldsError naming the
 * part refused; nothing of the text ever reaches SQL (the storage maps these enums to fixed SQL).
 * A field without alias is named as InfluxDB names it: the function in lower case, `_1`, `_2`… added
 * when that name is taken (aliases first), e.g. `SUM(qty), SUM(price)` → `sum`, `sum_1`.
 */
export function parseCustomFields(text: string): SummaryField[] {
  if (text.length > MAX_CUSTOM_FIELDS_LENGTH) {
    throw new InvalidCustomFieldsError(`longer than ${MAX_CUSTOM_FIELDS_LENGTH} characters`);
  }
  const parts = text.split(',');
  if (parts.length > MAX_CUSTOM_FIELDS) {
    throw new InvalidCustomFieldsError(`more than ${MAX_CUSTOM_FIELDS} fields`);
  }
  const fields = parts.map((part) => parseField(part.trim()));
  return nameFields(fields);
}

function parseField(part: string): ParsedField {
  if (part === '')
    throw new InvalidCustomFieldsError('empty field (expected FUNCTION(qty|price) [AS alias])', part);
  if (part === '*') throw new InvalidCustomFieldsError("'*' (every column) is not supported", part);
  const call = CALL.exec(part);
  if (call === null) throw new InvalidCustomFieldsError('expected FUNCTION(qty|price) [AS alias]', part);
  const [, name = '', argument = '', rest = ''] = call;
  const fn = FUNCTIONS.find((candidate) => candidate === name.toUpperCase());
  if (fn === undefined) {
    throw new InvalidCustomFieldsError(`unknown function '${name}' (expected ${FUNCTIONS.join(', ')})`, part);
  }
  if (/[()]/.test(argument)) throw new InvalidCustomFieldsError('nested calls are not supported', part);
  const column = COLUMNS.find((candidate) => candidate === argument.trim());
  if (column === undefined) {
    throw new InvalidCustomFieldsError(`unknown column '${argument.trim()}' (expected qty or price)`, part);
  }
  if (rest.trim() === '') return { fn, column };
  const alias = ALIAS.exec(rest)?.[1]?.trim();
  if (alias === undefined) throw new InvalidCustomFieldsError(`expected AS alias after ')'`, part);
  if (!IDENTIFIER.test(alias)) {
    throw new InvalidCustomFieldsError(
      `invalid alias '${alias}' (letters, digits and _, not starting with a digit)`,
      part,
    );
  }
  if (RESERVED.has(alias))
    throw new InvalidCustomFieldsError(`alias '${alias}' is the name of a column`, part);
  return { fn, column, alias };
}

/** InfluxQL's column naming (SelectStatement.ColumnNames): aliases reserve their names first. */
function nameFields(fields: readonly ParsedField[]): SummaryField[] {
  const taken = new Map<string, number>();
  for (const field of fields) {
    if (field.alias === undefined) continue;
    if (taken.has(field.alias)) throw new InvalidCustomFieldsError(`alias '${field.alias}' given twice`);
    taken.set(field.alias, 1);
  }
  return fields.map(({ fn, column, alias }) => {
    if (alias !== undefined) return { fn, column, alias };
    const base = fn.toLowerCase();
    let name = base;
    let count = taken.get(base);
    if (count !== undefined) {
      while (taken.has(`${base}_${count}`)) count += 1;
      taken.set(base, count + 1);
      name = `${base}_${count}`;
    }
    taken.set(name, (taken.get(name) ?? 0) + 1);
    return { fn, column, alias: name };
  });
}
