/**
 * A URL fit for messages and logs: without userinfo (a password), query string or fragment (tokens and
 * passwords are passed there too, `?pw=…`). Something that is not a parsable URL gets the same cuts by
 * pattern, since it is exactly what an operator mistyped — credentials included.
 */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/s, '');
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '' && parsed.search === '' && parsed.hash === '') {
    return url;
  }
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}
