import { z } from 'zod';
import { parseIsoInstant } from './iso-instant.js';

/**
 * zod schemas for one field of a JSON body each, following the voluptuous validators of CloudKitty's v2
 * API (`Coerce(dt_from_iso)`, `MultiQueryParam(str)`, `Boolean()`) and its messages where it has one.
 */

/** The message of a field that is missing, or else `expected`. */
function missingOr(expected: string) {
  return (issue: { input: unknown }) => (issue.input === undefined ? 'required key not provided' : expected);
}

/** An ISO 8601 instant (`Coerce(dt_from_iso)`); without offset, UTC. */
export const instantField = z
  .string({ error: missingOr('expected an ISO 8601 date-time') })
  .transform((text, ctx) => {
    const date = parseIsoInstant(text);
    if (date === undefined) {
      ctx.issues.push({ code: 'custom', message: `expected dt_from_iso, got '${text}'`, input: text });
      return z.NEVER;
    }
    return date;
  });

/** A non-empty string (a scope id, a scope key, a fetcher or collector name). */
export const textField = z
  .string({ error: missingOr('expected a string') })
  .min(1, { error: 'must not be empty' });

/** A string or a list of strings, each comma separated (`MultiQueryParam(str)`): `"a,b"`, `["a", "b,c"]`. */
export const listField = z
  .union([z.string(), z.array(z.string())], { error: missingOr('expected a string or a list of strings') })
  .transform((value) => (typeof value === 'string' ? [value] : value).flatMap((item) => item.split(',')))
  .refine((list) => list.length > 0, { error: 'expected at least one value' });

/**
 * A JSON boolean, or 0/1: python-cloudkittyclient sends `strtobool`'s integer for `active`. A string is
 * refused (CloudKitty's `Coerce(bool)` would make `"false"` true).
 */
export const booleanField = z
  .union([z.boolean(), z.literal(0), z.literal(1)], { error: missingOr('expected a boolean') })
  .transform((value) => value === true || value === 1);
