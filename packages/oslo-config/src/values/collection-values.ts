import { type OptionType, optionType, refuse, type ValueOptions } from './option-type.js';
import { got, kindOf, quote } from './shown-value.js';

/** oslo's List (ListOpt): comma-separated text, or a list of text; items stripped, empty ones dropped. */
export function listValue(): OptionType<string[]> {
  return optionType((value) => {
    const items =
      typeof value === 'string'
        ? value.split(',')
        : Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? (value as string[])
          : undefined;
    if (items === undefined) return refuse(`expected a comma-separated list, got ${kindOf(value)}`);
    return items.map((item) => item.trim()).filter((item) => item !== '');
  });
}

/**
 * oslo's Dict (DictOpt): `key:value,key2:value2`, split at the first `:` of each pair (so a value may hold
 * colons, `instance:web-1:9100`), blanks stripped, empty pairs skipped, the last of a repeated key wins.
 */
export function dictValue(options: ValueOptions = {}): OptionType<Record<string, string>> {
  return optionType((value) => {
    if (typeof value !== 'string') return refuse(`expected key:value pairs separated by commas${got(value)}`);
    const pairs = new Map<string, string>();
    for (const pair of value.split(',').map((text) => text.trim())) {
      if (pair === '') continue;
      const colon = pair.indexOf(':');
      if (colon < 0) return refuse(`expected key:value pairs separated by commas${got(pair, options)}`);
      const key = pair.slice(0, colon).trim();
      if (key === '') return refuse(`a key is empty${options.secret === true ? '' : ` in ${quote(pair)}`}`);
      pairs.set(key, pair.slice(colon + 1).trim());
    }
    // fromEntries, not assignment: a `__proto__` key stays a key.
    return Object.fromEntries(pairs);
  });
}
