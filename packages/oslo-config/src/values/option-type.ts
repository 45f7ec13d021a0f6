import { z } from 'zod';

/**
 * The zod schema of an option's value. Input is `unknown`: INI files and environment variables give
 * text, while clouds.yaml and code give native booleans, numbers and lists, which the types accept where
 * oslo.config's types would convert them.
 */
export type OptionType<T> = z.ZodType<T, unknown>;

/** For every type that may show the value it refuses. */
export interface ValueOptions {
  /** The option holds a secret (oslo's `secret=True`): messages never show its value. */
  secret?: boolean;
}

class Refusal {
  constructor(readonly message: string) {}
}

/** What a type's parse returns for a value it refuses; `message` is the problem, e.g. `expected …, got "x"`. */
export function refuse(message: string): Refusal {
  return new Refusal(message);
}

/**
 * An option type from a parse function returning the value or a refusal. The issue carries no input, so
 * a refused secret cannot travel in a ZodError either.
 */
export function optionType<T>(parse: (value: unknown) => T | Refusal): OptionType<T> {
  return z.unknown().transform((value, ctx): T => {
    const result = parse(value);
    if (!(result instanceof Refusal)) return result;
    ctx.issues.push({ code: 'custom', message: result.message, input: undefined });
    return z.NEVER;
  });
}
