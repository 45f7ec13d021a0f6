import { z } from 'zod';
import { type OptionType, optionType, refuse } from './option-type.js';
import { kindOf } from './shown-value.js';

/**
 * oslo's String (StrOpt): text exactly as written. Anything else is refused by kind only, so the type
 * serves secrets too. A boolean comes from unquoted YAML (`password: yes`), hence the hint.
 */
export function textValue(): OptionType<string> {
  return optionType((value) => {
    if (typeof value === 'string') return value;
    return refuse(
      `expected text, got ${kindOf(value)}${typeof value === 'boolean' ? ' (quote it in YAML)' : ''}`,
    );
  });
}

/** An option without a default: when it is not given, `message` is the problem (`is required: …`). */
export function required<T>(type: z.ZodType<T, unknown>, message: string): OptionType<T> {
  return z.custom<unknown>((value) => value !== undefined, { error: message }).pipe(type);
}
