import { errorResponseSchema } from '../schemas/envelope.js';
import { type ResponseBody, snippet } from './body.js';

/** How a non-success body is reported: the PrometheusResponseError's errorType and error. */
export interface ErrorDescription {
  errorType: string;
  error: string;
}

/** errorType for anything that is not a body Prometheus itself would send. */
export const INVALID_RESPONSE = 'invalid_response';

/** Prometheus' error envelope, or a description of whatever came instead. */
export function describePrometheusErrorBody(body: ResponseBody): ErrorDescription {
  const contentType = body.contentType ?? 'no content type';
  if (body.kind === 'json') {
    const envelope = errorResponseSchema.safeParse(body.value);
    if (envelope.success) return { errorType: envelope.data.errorType, error: envelope.data.error };
    return {
      errorType: INVALID_RESPONSE,
      error: `unexpected JSON body (${contentType}): ${snippet(body.text)}`,
    };
  }
  if (body.text.trim() === '') {
    return { errorType: INVALID_RESPONSE, error: `expected a JSON body, got an empty body (${contentType})` };
  }
  return {
    errorType: INVALID_RESPONSE,
    error: `expected a JSON body, got ${contentType}: "${snippet(body.text, body.contentType)}"`,
  };
}
