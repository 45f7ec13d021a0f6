import { z } from 'zod';
import { isDecimalText } from '../decimal/decimal-text.js';
import { ExactDecimal } from '../decimal/exact-decimal.js';
import { describeType, Fraction } from '../decimal/fraction.js';
import { FractionSyntaxError } from '../errors/fraction-syntax-error.js';
import { SkipExpressionError } from '../errors/skip-expression-error.js';
import type { SkipExpression } from '../skip-expression/ast.js';
import { parseSkipExpression } from '../skip-expression/parse-skip-expression.js';
import { MUTATORS } from '../units/mutate.js';
import { MutateMap } from '../units/mutate-map.js';
import { type NameRules, nameProblem } from './name-rules.js';
import { quoteValue } from './quote-value.js';

function requiredOr(expectation: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `expected ${expectation}, got ${describeType(issue.input)}`;
}

// A refinement, not `.min(1)`: zod runs length checks on a list that failed the string check too ("must not be
// empty" after "expected a string, got a list").
export const nonEmptyString = (what = 'a non-empty string') =>
  z.string({ error: requiredOr(what) }).refine((text) => text.length > 0, { error: 'must not be empty' });

const fraction = (fallback: Fraction) =>
  z
    .unknown()
    .optional()
    .transform((input, ctx): Fraction => {
      if (input === undefined) return fallback;
      try {
        return Fraction.parse(input);
      } catch (error) {
        if (!(error instanceof FractionSyntaxError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, input });
        return z.NEVER;
      }
    });

/**
 * `skip_datapoints_expression`, parsed now so that a syntax error or a construct outside the supported
 * subset is a problem of the file rather than of every period collected later.
 */
const skipExpression = z.string({ error: requiredOr('a string') }).transform((text, ctx): SkipExpression => {
  try {
    return parseSkipExpression(text);
  } catch (error) {
    if (!(error instanceof SkipExpressionError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message, input: text });
    return z.NEVER;
  }
});

/** `groupby` or `metadata`: label names, each checked with the collector's rule when it has one. */
const nameList = (names: NameRules) =>
  z
    .array(
      nonEmptyString().superRefine((name, ctx) => {
        // An empty name is already reported as such.
        const problem = name === '' ? undefined : nameProblem(names.labelName, name);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: name });
      }),
      { error: requiredOr('a list of label names') },
    )
    .default(() => []);

/** `unknown option "groupy"`, `unknown options "a", "b"`. */
export function unknownOptionsMessage(keys: readonly string[]): string {
  return `unknown option${keys.length > 1 ? 's' : ''} ${keys.map((key) => quoteValue(key)).join(', ')}`;
}

/** A number or numeric string, as a `mutate_map` key or value must be. */
function parseMapNumber(input: unknown): ExactDecimalValue | undefined {
  if (typeof input === 'number' && Number.isFinite(input)) return new ExactDecimal(String(input));
  if (typeof input === 'string' && isDecimalText(input)) return new ExactDecimal(input.trim());
  return undefined;
}
type ExactDecimalValue = InstanceType<typeof ExactDecimal>;

const mutateMap = z
  .record(z.string(), z.unknown(), { error: requiredOr('a mapping of numbers to numbers') })
  .transform((record, ctx): MutateMap => {
    const entries: [ExactDecimalValue, ExactDecimalValue][] = [];
    for (const [keyText, valueInput] of Object.entries(record)) {
      const key = parseMapNumber(keyText);
      const value = parseMapNumber(valueInput);
      if (key === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [keyText],
          message: `key ${quoteValue(keyText)} is not a number`,
        });
      } else if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [keyText],
          message: `expected a number, got ${describeType(valueInput)}`,
        });
      } else {
        entries.push([key, value]);
      }
    }
    return new MutateMap(entries);
  });

/** The collector's `extra_args` schema, applied to `{}` when the option is absent or empty. */
function collectorExtraArgs<ExtraArgs extends z.ZodType>(extraArgs: ExtraArgs) {
  return z
    .unknown()
    .optional()
    .transform((input, ctx): z.output<ExtraArgs> => {
      const parsed = extraArgs.safeParse(input ?? {});
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: issue.input });
      }
      return z.NEVER;
    });
}

/**
 * One rating type of metrics.yml (CloudKitty's METRIC_BASE_SCHEMA); `extraArgs` is the collector's own
 * `extra_args` schema, `names` its rules for label names. Unknown keys are rejected, as CloudKitty's
 * voluptuous schema does.
 */
export function ratingTypeSchema<ExtraArgs extends z.ZodType>(extraArgs: ExtraArgs, names: NameRules = {}) {
  return z.strictObject(
    {
      unit: nonEmptyString(),
      description: z.string({ error: requiredOr('a string') }).optional(),
      factor: fraction(Fraction.ONE),
      offset: fraction(Fraction.ZERO),
      alt_name: nonEmptyString().optional(),
      groupby: nameList(names),
      metadata: nameList(names),
      mutate: z.enum(MUTATORS, { error: () => `expected one of ${MUTATORS.join(', ')}` }).default('NONE'),
      mutate_map: mutateMap.optional(),
      extra_args: collectorExtraArgs(extraArgs),
      skip_datapoints_expression: skipExpression.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? unknownOptionsMessage(issue.keys)
          : `expected a mapping of rating type options, got ${describeType(issue.input)}`,
    },
  );
}

export type RatingTypeSchema<ExtraArgs extends z.ZodType> = ReturnType<typeof ratingTypeSchema<ExtraArgs>>;

/** A validated rating type; `groupby` already holds the scope key. */
export type RatingType<ExtraArgs = Record<string, unknown>> = Omit<
  z.output<RatingTypeSchema<z.ZodType<ExtraArgs>>>,
  'extra_args'
> & { extra_args: ExtraArgs };

/** Validated metrics configuration, keyed by internal key (`name` or `name@#alt_name`). */
export type MetricsConf<ExtraArgs = Record<string, unknown>> = Readonly<
  Record<string, RatingType<ExtraArgs>>
>;
