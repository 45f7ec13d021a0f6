import { z } from 'zod';

/*
 * cloudkitty.conf values are text; these schemas read them as oslo.config's types do (IntOpt, BoolOpt,
 * FloatOpt, ListOpt, DictOpt, StrOpt with choices). They are only used for options that never hold a
 * secret, so their messages may quote the value. An empty value never reaches them: it means "not set".
 */

const MAX_QUOTED = 60;

/** The value as shown in a message: quoted, shortened when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
}

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: undefined });
  return z.NEVER as never;
}

/** oslo's Integer: an optional sign and digits, surrounding blanks ignored. */
export function integerValue(what: string, bounds: { min?: number; max?: number } = {}) {
  return z.string().transform((text, ctx): number => {
    const trimmed = text.trim();
    if (!/^[+-]?\d+$/.test(trimmed)) return fail(ctx, `expected ${what}, got ${quote(text)}`);
    const value = Number(trimmed);
    if (!Number.isSafeInteger(value)) return fail(ctx, `expected ${what}, got ${quote(text)} (too large)`);
    if (bounds.min !== undefined && value < bounds.min) {
      return fail(ctx, `must be at least ${bounds.min}, got ${value}`);
    }
    if (bounds.max !== undefined && value > bounds.max) {
      return fail(ctx, `must be at most ${bounds.max}, got ${value}`);
    }
    return value;
  });
}

/** oslo's Float, used for seconds: a positive decimal number (`60`, `2.5`). */
export function secondsValue() {
  return z.string().transform((text, ctx): number => {
    const trimmed = text.trim();
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isFinite(value)) return fail(ctx, `expected a number of seconds, got ${quote(text)}`);
    if (value <= 0) return fail(ctx, `must be a positive number of seconds, got ${quote(text)}`);
    return value;
  });
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'off', 'no']);

/** oslo's Boolean: case-insensitive words; anything else is an error (oslo refuses it too). */
export function flagValue() {
  return z.string().transform((text, ctx): boolean => {
    const word = text.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return fail(ctx, `expected true or false (also yes/no, on/off, 1/0), got ${quote(text)}`);
  });
}

/**
 * A StrOpt with choices. `elsewhere` names values CloudKitty accepts that kitty-collect does not
 * (`gnocchi`), so the message can say so rather than call them typos.
 */
export function choiceValue<const Choice extends string>(
  choices: readonly Choice[],
  elsewhere: Readonly<Record<string, string>> = {},
) {
  return z.string().transform((text, ctx): Choice => {
    const value = text.trim();
    if ((choices as readonly string[]).includes(value)) return value as Choice;
    const note = Object.hasOwn(elsewhere, value) ? ` (${elsewhere[value]})` : '';
    return fail(ctx, `expected one of ${choices.join(', ')}, got ${quote(text)}${note}`);
  });
}

/** oslo's List: comma-separated, items stripped; empty items are dropped. */
export function listValue() {
  return z.string().transform((text): string[] =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );
}

/**
 * oslo's Dict: `key:value,key2:value2`, split at the first `:` of each pair (so a value may hold colons,
 * `instance:web-1:9100`), blanks stripped, empty pairs skipped, the last of a repeated key wins.
 */
export function dictValue() {
  return z.string().transform((text, ctx): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const pair of text.split(',')) {
      if (pair.trim() === '') continue;
      const colon = pair.indexOf(':');
      if (colon < 0)
        return fail(ctx, `expected key:value pairs separated by commas, got ${quote(pair.trim())}`);
      const key = pair.slice(0, colon).trim();
      if (key === '') return fail(ctx, `a key is empty in ${quote(pair.trim())}`);
      result[key] = pair.slice(colon + 1).trim();
    }
    return result;
  });
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** A Prometheus label name: it is written unquoted into PromQL (`project_id="…"`, `by (project_id)`). */
export function labelNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (isLabelName(name)) return name;
    return fail(ctx, `expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${quote(text)}`);
  });
}

/** A Prometheus metric name, written unquoted into PromQL; label matchers go in `filters`. */
export function metricNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (METRIC_NAME.test(name)) return name;
    const hint = name.includes('{') ? ' (put label matchers in filters)' : '';
    return fail(
      ctx,
      `expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got ${quote(text)}${hint}`,
    );
  });
}

/** Any text (paths, names); an empty value was already treated as "not set". */
export function textValue() {
  return z.string();
}

/** An option without a default: missing (or empty) gives `message` as the problem. */
export function required<Schema extends z.ZodType<unknown, string>>(schema: Schema, message: string) {
  return z.string({ error: message }).pipe(schema);
}
