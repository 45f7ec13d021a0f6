import type { RawPrometheusResponse } from './raw-response.js';

/** Request ids set by common proxies and by OpenStack services. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-openstack-request-id'];

/** A response as a transport received it: status, body text, and a way to read a header by lower-case name. */
export interface ReceivedResponse {
  status: number;
  body: string;
  header(name: string): string | undefined;
}

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

/** A fetch `Response` (as ky or fetch give it) read into a raw response. */
export async function toRawResponse(response: Response, url: string): Promise<RawPrometheusResponse> {
  const body = await response.text();
  return rawResponseOf(
    { status: response.status, body, header: (name) => response.headers.get(name) ?? undefined },
    url,
  );
}
