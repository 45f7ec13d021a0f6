/** A response body as the error interpretation sees it. */
export type ResponseBody =
  | { kind: 'json'; value: unknown; text: string; contentType?: string }
  | { kind: 'text'; text: string; contentType?: string };

/** JSON when it parses, whatever the content type says: proxies mislabel bodies both ways. */
export function parseBody(text: string, contentType?: string): ResponseBody {
  try {
    return { kind: 'json', value: JSON.parse(text), text, contentType };
  } catch {
    return { kind: 'text', text, contentType };
  }
}

const SNIPPET_LENGTH = 200;

/** A one-line, bounded excerpt of a body for an error message; HTML is reduced to its text. */
export function snippet(text: string, contentType?: string): string {
  const isHtml = contentType?.includes('html') === true || /^\s*<(!doctype|html)/i.test(text);
  const readable = isHtml ? text.replace(/<[^>]*>/g, ' ') : text;
  const oneLine = readable.replace(/\s+/g, ' ').trim();
  return oneLine.length <= SNIPPET_LENGTH ? oneLine : `${oneLine.slice(0, SNIPPET_LENGTH)}…`;
}
