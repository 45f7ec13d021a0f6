import { z } from 'zod';
import { parseIsoInstant } from './iso-instant.js';

/**
 * zod schemas for one query parameter each, from its list of values (undefined when absent). They follow
 * CloudKitty's v2 API helpers (cloudkitty/api/v2/utils.py): SingleQueryParam, MultiQueryParam and
 * SingleDictQueryParam.
 */
const values = z.array(z.string()).optional();

/** At most one value (SingleQueryParam: `length of value must be 1`). */
const single = values
  // abort: a repeated parameter gets one clear message, not also one per value.
  .refine((list) => list === undefined || list.length === 1, { message: 'must be given once', abort: true })
  .transform((list) => list?.[0]);

export function instantParam() {
  return single.transform((text, ctx): Date | undefined => {
    if (text === undefined) return undefined;
    const date = parseIsoInstant(text);
    if (date === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `expected an ISO 8601 date or date-time (e.g. 2026-03-01T00:00:00Z), got '${text}'`,
        input: text,
      });
      return z.NEVER;
    }
    return date;
  });
}

export function integerParam(min: number, max: number, fallback: number) {
  return single.transform((text, ctx): number => {
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
      ctx.issues.push({
        code: 'custom',
        message: `expected a whole number from ${min} to ${max}, got '${text}'`,
        input: text,
      });
      return z.NEVER;
    }
    return value;
  });
}

/** Values repeated and/or comma separated (MultiQueryParam): `a=x&a=y,z` → x, y, z. */
export function listParam() {
  return values.transform((list) => list?.flatMap((value) => value.split(',')));
}

/** A list of whole numbers (CloudKitty's MultiQueryParam(int), e.g. `active=1`). */
export function integerListParam() {
  return listParam().transform((list, ctx): number[] | undefined => {
    const bad = list?.find((value) => !/^-?\d+$/.test(value.trim()));
    if (bad !== undefined) {
      ctx.issues.push({ code: 'custom', message: `expected whole numbers, got '${bad}'`, input: bad });
      return z.NEVER;
    }
    return list?.map((value) => Number(value.trim()));
  });
}

/** One value, as given (SingleQueryParam(str)). */
export function textParam() {
  return single;
}

/** One of `allowed`, `fallback` when absent; anything else is refused, naming what is allowed. */
export function enumParam<const Value extends string>(allowed: readonly Value[], fallback: Value) {
  const isAllowed = (text: string): text is Value => allowed.some((value) => value === text);
  return single.transform((text, ctx): Value => {
    if (text === undefined) return fallback;
    if (isAllowed(text)) return text;
    ctx.issues.push({
      code: 'custom',
      message: `expected ${allowed.join(' or ')}, got '${text}'`,
      input: text,
    });
    return z.NEVER;
  });
}

/**
 * `key:value` tokens, repeated and/or comma separated (CloudKitty's DictQueryParam): `filters=a:1,b:2` or
 * `filters=a:1&filters=b:2`. Exactly one `:` per token (so a value cannot contain `:` or `,`, as in
 * CloudKitty), a non-empty key. The value may be empty: it then matches an empty label.
 */
function keyValueTokens(list: readonly string[], ctx: z.RefinementCtx): [string, string][] {
  const pairs: [string, string][] = [];
  for (const token of list.flatMap((value) => value.split(','))) {
    const parts = token.split(':');
    const [key, value] = parts;
    if (parts.length !== 2 || key === undefined || value === undefined || key === '') {
      ctx.issues.push({ code: 'custom', message: `invalid key:value association '${token}'`, input: token });
    } else {
      pairs.push([key, value]);
    }
  }
  return pairs;
}

/** `key:value` pairs, a key at most once (SingleDictQueryParam). */
export function dictParam() {
  return values.transform((list, ctx): Map<string, string> | undefined => {
    if (list === undefined) return undefined;
    const pairs = new Map<string, string>();
    for (const [key, value] of keyValueTokens(list, ctx)) {
      if (pairs.has(key)) {
        ctx.issues.push({
          code: 'custom',
          message: `key '${key}' given more than once`,
          input: `${key}:${value}`,
        });
      } else {
        pairs.set(key, value);
      }
    }
    return pairs;
  });
}

/** `key:value` pairs where a key may come again with other values (MultiDictQueryParam): `type:a,type:b`. */
export function multiDictParam() {
  return values.transform((list, ctx): Map<string, string[]> | undefined => {
    if (list === undefined) return undefined;
    const pairs = new Map<string, string[]>();
    for (const [key, value] of keyValueTokens(list, ctx)) pairs.set(key, [...(pairs.get(key) ?? []), value]);
    return pairs;
  });
}
