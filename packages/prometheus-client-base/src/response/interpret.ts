import type { HttpResponse } from '@kitty-collect/http-request';
import type { z } from 'zod';
import { PrometheusResponseError } from '../errors/prometheus-response-error.js';
import type { RequestSubject } from '../request-subject.js';
import { parseBody, type ResponseBody } from './body.js';
import { type ErrorDescription, INVALID_RESPONSE } from './describe-error-body.js';
import { describeSchemaIssue } from './describe-schema-issue.js';

export interface InterpretContext<Schema extends z.ZodType> extends RequestSubject {
  schema: Schema;
  describeErrorBody: (status: number, body: ResponseBody) => ErrorDescription;
}

/** Request ids set by common proxies and by OpenStack services. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-openstack-request-id'];

function requestIdOf(response: HttpResponse): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const requestId = response.header(name);
    if (requestId !== undefined) return requestId;
  }
  return undefined;
}

function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

function claimsError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'status' in value && value.status === 'error';
}

/**
 * A 2xx JSON body that does not call itself an error must match the schema;
 * everything else is an error whose wording the client chooses.
 */
export function interpretResponse<Schema extends z.ZodType>(
  raw: HttpResponse,
  context: InterpretContext<Schema>,
): z.output<Schema> {
  const body = parseBody(raw.body, raw.header('content-type'));
  const fail = (description: ErrorDescription): PrometheusResponseError =>
    new PrometheusResponseError({
      status: raw.status,
      ...description,
      url: raw.url, // redacted by PrometheusResponseError
      query: context.query,
      match: context.match,
      requestId: requestIdOf(raw),
    });

  if (isSuccessStatus(raw.status) && body.kind === 'json' && !claimsError(body.value)) {
    const result = context.schema.safeParse(body.value);
    if (result.success) return result.data;
    throw fail({ errorType: INVALID_RESPONSE, error: describeSchemaIssue(result.error) });
  }
  throw fail(context.describeErrorBody(raw.status, body));
}
