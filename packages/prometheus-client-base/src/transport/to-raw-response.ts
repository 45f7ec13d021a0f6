import type { RawPrometheusResponse } from './raw-response.js';

/** Request ids set by common proxies and by OpenStack services. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-openstack-request-id'];

export async function toRawResponse(response: Response, url: string): Promise<RawPrometheusResponse> {
  const raw: RawPrometheusResponse = { status: response.status, url, body: await response.text() };
  const contentType = response.headers.get('content-type');
  if (contentType !== null) raw.contentType = contentType;
  for (const header of REQUEST_ID_HEADERS) {
    const requestId = response.headers.get(header);
    if (requestId !== null) {
      raw.requestId = requestId;
      break;
    }
  }
  return raw;
}
