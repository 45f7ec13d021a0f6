/** The longest user value a metrics.yml message repeats whole (in UTF-16 code units). */
export const QUOTED_VALUE_MAX = 64;

/**
 * A value from the file, quoted for a message: JSON-quoted (control characters and lone surrogates
 * escaped), and cut after {@link QUOTED_VALUE_MAX} characters with its length, so a message never
 * repeats a 50 MB string: `"aaaa…aaaa"… (52,428,800 characters)`.
 */
export function quoteValue(value: string, max = QUOTED_VALUE_MAX): string {
  if (value.length <= max) return JSON.stringify(value);
  // Never cut a surrogate pair in two: drop a high surrogate left alone at the end.
  const last = value.charCodeAt(max - 1);
  const kept = value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
  return `${JSON.stringify(kept)}… (${formatCount(value.length)} characters)`;
}

/** `1048576` → `1,048,576`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
