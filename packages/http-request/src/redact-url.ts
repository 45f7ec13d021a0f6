/** `scheme:` (optional) and up to two slashes: what stays in front of a userinfo that is cut out. */
const SCHEME_AND_SLASHES = /^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?[/\\]{0,2}/;

/**
 * A URL fit for messages and logs: without userinfo (a password), query string or fragment (tokens and
 * passwords are passed there too, `?pw=…`).
 *
 * The userinfo ends at the **last** `@`, wherever it is: an operator's password may hold an unescaped
 * `/`, `?`, `#` or `@`, which a URL parser reads as the end of the host (`http://ck:1234/x@keystone` parses
 * as port 1234 and path `/x@keystone`). So everything between the scheme's `//` and the last `@` goes,
 * parsable URL or not, even when that `@` was meant to be in the path or query (a URL holding an `@` there
 * shows only what follows it). Text that is not a URL, or has no host, loses its `?…` and `#…` by pattern:
 * it is exactly what an operator mistyped, credentials included. Idempotent; a URL with nothing to remove
 * comes back byte for byte.
 */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf('@');
  if (at >= 0) {
    const kept = SCHEME_AND_SLASHES.exec(url)?.[0] ?? '';
    return redactUrl(`${kept}${url.slice(at + 1)}`);
  }
  if (!URL.canParse(url)) return withoutQuery(url);
  const parsed = new URL(url);
  if (parsed.host === '') return withoutQuery(url);
  // The text, not `search`/`hash`: a bare `?` or `#` leaves them empty.
  if (!/[?#]/.test(url)) return url;
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/** Text from its first `?` or `#` on removed, by pattern. */
function withoutQuery(text: string): string {
  return text.replace(/[?#][\s\S]*$/, '');
}

/** A URL inside free text: a scheme and `://`, up to a blank or a quote. */
const URL_IN_TEXT = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'`<>]*/g;

/** What closes a sentence or a parenthesis after a URL, rather than belonging to it. */
const TRAILING_PUNCTUATION = /[).,;:\]]+$/;

/**
 * Free text (an error message, a log line, an answer from another service) with every `scheme://…` in it
 * passed through `redactUrl`; the rest of the text is unchanged. For text this code did not compose, when
 * it may quote a URL: our own messages redact their URLs when they compose them.
 */
export function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (found) => {
    const trailing = TRAILING_PUNCTUATION.exec(found)?.[0] ?? '';
    return `${redactUrl(found.slice(0, found.length - trailing.length))}${trailing}`;
  });
}
