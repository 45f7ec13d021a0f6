import { pyJsonDumps } from '../python/json-dumps.js';
import { pyDict } from '../python/value.js';
import type { WebobBodyType } from './negotiation.js';

/** The WebOb HTTP exceptions Aetos' stack raises, with their templates (WebOb 1.8). */
export interface WebobException {
  code: number;
  title: string;
  /** The body template after substitution of everything but escaping: a function of the escape function. */
  body(esc: (text: string) => string): string;
}

const DEFAULT_TEMPLATE = (explanation: string, detail: string, esc: (text: string) => string) =>
  `${esc(explanation)}<br /><br />\n${esc(detail)}\n\n`;

export const notFound = (): WebobException => ({
  code: 404,
  title: 'Not Found',
  body: (esc) => DEFAULT_TEMPLATE('The resource could not be found.', '', esc),
});

export const forbidden = (detail: string): WebobException => ({
  code: 403,
  title: 'Forbidden',
  body: (esc) => DEFAULT_TEMPLATE('Access was denied to this resource.', detail, esc),
});

export const methodNotAllowed = (method: string): WebobException => ({
  code: 405,
  title: 'Method Not Allowed',
  body: (esc) => `The method ${esc(method)} is not allowed for this resource. <br /><br />\n`,
});

const UNSET_HTTP_ACCEPT = '$' + '{HTTP_ACCEPT}';

export const notAcceptable = (accept: string | undefined): WebobException => ({
  code: 406,
  title: 'Not Acceptable',
  // safe_substitute leaves the placeholder as it is when the variable is missing
  body: (esc) =>
    'The resource could not be generated that was acceptable to your browser\n' +
    `(content of type ${accept === undefined ? UNSET_HTTP_ACCEPT : esc(accept)}. <br /><br />\n`,
});

export const serviceUnavailable = (detail: string): WebobException => ({
  code: 503,
  title: 'Service Unavailable',
  body: (esc) =>
    DEFAULT_TEMPLATE('The server is currently unavailable. Please try again at a later time.', detail, esc),
});

/** webob.util.html_escape: html.escape(quote=True), then non-ASCII as decimal character references. */
export function htmlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#x27;';
    else out += code > 0x7f ? `&#${code};` : ch;
  }
  return out;
}

const noEscape = (text: string) => text;

function stripTags(value: string): string {
  return value
    .replaceAll('\n', ' ')
    .replaceAll('\r', '')
    .replace(/<br.*?>/gis, '\n')
    .replace(/<!--|-->/g, '')
    .replace(/<.*?>/gs, '');
}

export interface RenderedWebob {
  status: number;
  contentType: string;
  body: string;
}

const statusLine = (exception: WebobException) => `${exception.code} ${exception.title}`;

/** `WSGIHTTPException.generate_response`: the page WebOb writes for the negotiated type. */
export function renderWebob(exception: WebobException, type: WebobBodyType): RenderedWebob {
  const status = statusLine(exception);
  if (type === 'html') {
    const body = exception.body(htmlEscape);
    return {
      status: exception.code,
      contentType: 'text/html; charset=UTF-8',
      body: `<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n  <h1>${status}</h1>\n  ${body}\n </body>\n</html>`,
    };
  }
  if (type === 'json') {
    const message = exception.body(noEscape);
    return {
      status: exception.code,
      contentType: 'application/json',
      body: pyJsonDumps(
        pyDict([
          ['message', message],
          ['code', status],
          ['title', exception.title],
        ]),
      ),
    };
  }
  return {
    status: exception.code,
    contentType: 'text/plain; charset=UTF-8',
    body: `${status}\n\n${stripTags(exception.body(noEscape))}`,
  };
}
