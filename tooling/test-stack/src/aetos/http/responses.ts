import { pyJsonDumps, pyJsonString } from '../python/json-dumps.js';
import { pyJsonLoads } from '../python/json-loads.js';
import { pyRepr } from '../python/repr.js';
import { type PyValue, pyDict } from '../python/value.js';
import { xmlTextAscii } from '../python/xml.js';
import type { Negotiation } from './negotiation.js';
import { renderWebob, serviceUnavailable, type WebobException } from './webob.js';

/** One answer of the gateway, ready to be written. */
export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** keystonemiddleware's answer to a missing, invalid, expired or revoked token. */
export function unauthorized(wwwAuthenticateUri: string): GatewayResponse {
  return {
    status: 401,
    headers: {
      'content-type': 'application/json',
      'www-authenticate': `Keystone uri="${wwwAuthenticateUri}"`,
    },
    body: pyJsonDumps(
      pyDict([
        [
          'error',
          pyDict([
            ['code', pyInt401],
            ['title', 'Unauthorized'],
            ['message', 'The request you have made requires authentication.'],
          ]),
        ],
      ]),
    ),
  };
}
const pyInt401: PyValue = { kind: 'int', value: 401n };

/** keystonemiddleware when Keystone cannot validate a token: WebOb's own page, negotiated (HTML by default). */
export function keystoneUnavailable(negotiation: Negotiation): GatewayResponse {
  const page = renderWebob(
    serviceUnavailable('The Keystone service is temporarily unavailable.'),
    negotiation.webobBodyType,
  );
  return { status: page.status, headers: { 'content-type': page.contentType }, body: page.body };
}

/** An error body as the Aetos application produced it, before the error middleware rewrites it. */
type InnerError =
  | { type: 'json'; text: string }
  /** ElementTree's serialisation (`<debuginfo />`). */
  | { type: 'xml'; text: string }
  | { type: 'html'; text: string }
  | { type: 'plain'; text: string };

/** lxml's re-serialisation of a document ElementTree or WebOb wrote: empty elements lose the space. */
function lxmlReserialise(xml: string): string {
  return xml.replaceAll(' />', '/>').replaceAll('&quot;', '"').replaceAll('&#x27;', "'");
}

/**
 * Aetos' ParsableErrorMiddleware: the error body becomes `{"error_message": <body, parsed when JSON>}`, or
 * `<error_message>…</error_message>` when the client prefers XML, with Content-Type application/json or
 * application/xml. (The middleware appends that header after the response has started; it reaches the client
 * because keystonemiddleware, in front of it, buffers the response. Without auth_token it would be lost.)
 */
function parsableError(
  status: number,
  inner: InnerError,
  negotiation: Negotiation,
): { contentType: string; body: string } {
  if (negotiation.errorsAsXml) {
    const xml = inner.type === 'xml' || inner.type === 'html';
    return {
      contentType: 'application/xml',
      body: xml
        ? `<error_message>${lxmlReserialise(inner.text)}</error_message>`
        : `<error_message>${status}</error_message>`,
    };
  }
  return {
    contentType: 'application/json',
    body:
      inner.type === 'json'
        ? `{"error_message": ${pyJsonDumps(pyJsonLoads(inner.text))}}`
        : `{"error_message": ${pyJsonString(inner.text)}}`,
  };
}

/** pecan's HTTP errors (404 no such resource, 405 only GET, 406 no acceptable renderer). */
export function pecanError(
  exception: WebobException,
  negotiation: Negotiation,
  options: { description?: string | null; headers?: Record<string, string>; head?: boolean } = {},
): GatewayResponse {
  let inner: InnerError;
  if (negotiation.pecanErrorAsJson) {
    inner = {
      type: 'json',
      text: pyJsonDumps(
        pyDict([
          ['code', { kind: 'int', value: BigInt(exception.code) }],
          ['title', exception.title],
          ['description', options.description ?? null],
        ]),
      ),
    };
  } else {
    const page = renderWebob(exception, negotiation.webobBodyType);
    inner = { type: negotiation.webobBodyType, text: page.body };
  }
  const wrapped = parsableError(exception.code, inner, negotiation);
  return {
    status: exception.code,
    headers: { ...options.headers, 'content-type': wrapped.contentType },
    body: options.head ? '' : wrapped.body,
  };
}

export type FaultCode = 'Client' | 'Server';

/** A WSME fault from the query controller: wrong arguments, policy refusal, Prometheus' errors. */
export function wsmeFault(
  status: number,
  faultcode: FaultCode,
  faultstring: string,
  negotiation: Negotiation,
): GatewayResponse {
  const xml = negotiation.wsmeContentType === 'application/xml' || negotiation.wsmeContentType === 'text/xml';
  const inner: InnerError = xml
    ? {
        type: 'xml',
        text: `<error><faultcode>${faultcode}</faultcode><faultstring>${xmlTextAscii(faultstring)}</faultstring><debuginfo /></error>`,
      }
    : {
        type: 'json',
        text: pyJsonDumps(
          pyDict([
            ['faultcode', faultcode],
            ['faultstring', faultstring],
            ['debuginfo', null],
          ]),
        ),
      };
  const wrapped = parsableError(status, inner, negotiation);
  return { status, headers: { 'content-type': wrapped.contentType }, body: wrapped.body };
}

/**
 * What the series and label controllers (plain `pecan.expose`, no WSME) answer: `json.dumps(result)` with
 * status 200, or, for an error, `json.dumps(message)` with its status, which the error middleware wraps as
 * `{"error_message": "<message>"}`.
 */
export function jsonResult(result: PyValue): GatewayResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: pyJsonDumps(result) };
}

export function pecanJsonError(status: number, message: string, negotiation: Negotiation): GatewayResponse {
  const wrapped = parsableError(status, { type: 'json', text: pyJsonString(message) }, negotiation);
  return { status, headers: { 'content-type': wrapped.contentType }, body: wrapped.body };
}

/**
 * An exception Aetos does not catch (requests' ConnectionError, a 200 that is not JSON, in the series and
 * label controllers): it leaves the WSGI application, and the server answers its own 500.
 */
export function unhandledException(): GatewayResponse {
  return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
}

/** The query controller's result: Prometheus' document re-serialised by WSME (json.dumps, or str() in XML). */
export function wsmeResult(result: PyValue, negotiation: Negotiation): GatewayResponse {
  const type = negotiation.wsmeContentType;
  if (type === 'application/xml' || type === 'text/xml') {
    return {
      status: 200,
      headers: { 'content-type': `${type}; charset=UTF-8` },
      body: `<result>${xmlTextAscii(pyRepr(result))}</result>`,
    };
  }
  return jsonResult(result);
}
