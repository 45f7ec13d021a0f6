/** Words that make a name a secret's: `password`, `application_credential_secret`, `X-Auth-Token`. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'authorization',
]);

/** What a hidden value reads as in a problem. */
export const SECRET_MARK = '<secret>';

/**
 * Whether a name (an option, a field, a header) holds a secret by one of its words, however it is written:
 * `prometheus_password`, `OS_PASSWORD`, `X-Auth-Token`, `authToken`, `memcache_secret_key`. Plural words
 * count; `tokenizer` or `passive` do not.
 */
export function isSecretName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => SECRET_WORDS.has(word) || (word.endsWith('s') && SECRET_WORDS.has(word.slice(0, -1))));
}

/** A JSON string literal, as `quote` writes values into problems. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text of a value as a type may have shown it: as written, trimmed, and as the number it reads as. */
function shownForms(text: string): string[] {
  const trimmed = text.trim();
  const number = Number(trimmed);
  const forms = [text, trimmed, ...(trimmed !== '' && Number.isFinite(number) ? [String(number)] : [])];
  return [...new Set(forms)].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/**
 * A problem of `option` that cannot show its value when the option's name says it is a secret, whether or
 * not its type was declared `secret`: every quoted text that is a part of the value (`"…"`, cut with `…`
 * or not, a pair of a dict) and the value itself (as written, trimmed, as a number) become `<secret>`.
 * Any other option's problem is returned as it is.
 */
export function withoutSecretValue(problem: string, option: string, value: unknown): string {
  if (!isSecretName(option)) return problem;
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? `${value}`
        : '';
  if (text.trim() === '') return problem;
  let shown = problem.replace(QUOTED, (literal) => {
    const content = (JSON.parse(literal) as string).replace(/…$/, '');
    return content !== '' && text.includes(content) ? SECRET_MARK : literal;
  });
  for (const form of shownForms(text)) {
    shown = shown.replace(
      new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'),
      SECRET_MARK,
    );
  }
  return shown;
}
