import type { RawPrometheusResponse } from './raw-response.js';

/** Request ids set by common proxies and by OpenStack services. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-openstack-request-id'];

/** A response as a transport received it: status, body text, and a way to read a header by lower-case name. */
export interface ReceivedResponse {
  status: number;
  body: string;
  header(name: string): string | undefined;
}

/** What the base interprets, from a received response: status, body, content type and request id. */
export function rawResponseOf(received: ReceivedResponse, url: string): RawPrometheusResponse {
  const raw: RawPrometheusResponse = { status: received.status, url, body: received.body };
  const contentType = received.header('content-type');
  if (contentType !== undefined) raw.contentType = contentType;
  for (const name of REQUEST_ID_HEADERS) {
    const requestId = received.header(name);
    if (requestId !== undefined) {
      raw.requestId = requestId;
      break;
    }
  }
  return raw;
}
