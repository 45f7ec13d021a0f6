import { type AcceptHeader, acceptableOffers, bestMatch, parseAccept } from './accept.js';

/** WSME's renderers for the query controller, in the order wsexpose registers them with pecan. */
const WSME_CONTENT_TYPES = ['application/xml', 'text/xml', 'application/json'] as const;
export type WsmeContentType = (typeof WSME_CONTENT_TYPES)[number];

/** What WebOb renders an HTTP exception as when nobody set its body. */
export type WebobBodyType = 'html' | 'json' | 'plain';

/** Every question Aetos' layers ask about one request's Accept header, answered once. */
export interface Negotiation {
  /** The header as received (undefined when absent). */
  accept: string | undefined;
  /** pecan's choice of renderer for the query controller; undefined means 406 Not Acceptable. */
  wsmeContentType: WsmeContentType | undefined;
  /** The series and label controllers (`pecan.expose(content_type='application/json')`) can answer; else 406. */
  jsonControllerAcceptable: boolean;
  /** pecan turns an HTTP error (404, 405, 406) into `{"code", "title", "description"}` JSON. */
  pecanErrorAsJson: boolean;
  /** How WebOb renders an HTTP exception itself (keystonemiddleware's 503, pecan's errors otherwise). */
  webobBodyType: WebobBodyType;
  /** The error middleware wraps error bodies in XML rather than JSON. */
  errorsAsXml: boolean;
}

function pecanHeader(accept: string | undefined): AcceptHeader {
  // pecan: getattr(req.accept, 'header_value', '*/*') or '*/*'
  return parseAccept(accept ? accept : '*/*');
}

/** pecan's choice among a controller's content types (any type: the default, JSON); undefined: 406. */
function pecanContentType<Type extends string>(
  pecanAccept: string,
  offers: readonly Type[],
): Type | 'application/json' | undefined {
  if (pecanAccept === '*/*') return 'application/json';
  const offered = acceptableOffers(parseAccept(pecanAccept), offers)[0] as Type | undefined;
  return offered ?? offers.find((type) => pecanAccept.startsWith(type));
}

export function negotiate(accept: string | undefined): Negotiation {
  const pecanAccept = accept ? accept : '*/*';
  const wsmeContentType = pecanContentType(pecanAccept, WSME_CONTENT_TYPES);
  // WebOb reads HTTP_ACCEPT with '' as default: no header is a valid, empty header that accepts nothing.
  const webobOffer = acceptableOffers(parseAccept(accept ?? ''), ['text/html', 'application/json'])[0];
  return {
    accept,
    wsmeContentType,
    jsonControllerAcceptable: pecanContentType(pecanAccept, ['application/json'] as const) !== undefined,
    pecanErrorAsJson:
      acceptableOffers(pecanHeader(accept), ['text/plain', 'text/html', 'application/json'])[0] ===
      'application/json',
    webobBodyType: webobOffer === 'text/html' ? 'html' : webobOffer === 'application/json' ? 'json' : 'plain',
    errorsAsXml:
      bestMatch(parseAccept(accept), ['application/json', 'application/xml']) === 'application/xml',
  };
}
