import { type OptionType, optionType, refuse, type ValueOptions } from './option-type.js';
import { got } from './shown-value.js';

// oslo.config's Boolean type (oslo_config/types.py): case-insensitive words, anything else is an error.
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'off', 'no']);

/** oslo's Boolean (BoolOpt): `true`/`1`/`on`/`yes`, `false`/`0`/`off`/`no` in any case, or a boolean. */
export function booleanValue(options: ValueOptions = {}): OptionType<boolean> {
  return optionType((value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const word = value.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
    }
    return refuse(`expected true or false (also yes/no, on/off, 1/0)${got(value, options)}`);
  });
}
