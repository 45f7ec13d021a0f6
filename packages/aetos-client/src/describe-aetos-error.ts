import {
  describePrometheusErrorBody,
  type ErrorDescription,
  type ResponseBody,
  snippet,
} from '@kitty-collect/prometheus-client-base';
import { z } from 'zod';

/** Aetos' (pecan/WSME) error body. */
const aetosFaultSchema = z.object({
  error_message: z.object({
    faultcode: z.string(),
    faultstring: z.string(),
    debuginfo: z.unknown().optional(),
  }),
});

/**
 * The series and label controllers' error body (plain pecan, no WSME): Prometheus' error as a string
 * (`"[400] invalid parameter …"`, `"page not found"`), or pecan's own `{code, title, description}` (403, 404).
 */
const aetosMessageSchema = z.object({
  error_message: z.union([
    z.string(),
    z.object({ code: z.number(), title: z.string(), description: z.string().nullable() }),
  ]),
});

/** keystonemiddleware's 401 body. */
const keystoneErrorSchema = z.object({
  error: z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string() }),
});

const FORBIDDEN_HINT =
  "unfiltered queries need the 'admin' role on the token's project, or the 'service' role";

/** Aetos answers with its own error shapes, not Prometheus' envelope: read them all. */
export function describeAetosErrorBody(status: number, body: ResponseBody): ErrorDescription {
  if (body.kind === 'json') {
    const fault = aetosFaultSchema.safeParse(body.value);
    if (fault.success) {
      const { faultcode, faultstring } = fault.data.error_message;
      if (status === 403) return { errorType: 'forbidden', error: `${faultstring}: ${FORBIDDEN_HINT}` };
      return { errorType: `aetos_${faultcode.toLowerCase()}`, error: faultstring };
    }
    const message = aetosMessageSchema.safeParse(body.value);
    if (message.success) {
      const error = message.data.error_message;
      const text = typeof error === 'string' ? error : (error.description ?? error.title);
      if (status === 403) return { errorType: 'forbidden', error: `${text}: ${FORBIDDEN_HINT}` };
      return { errorType: status >= 500 ? 'aetos_server' : 'aetos_client', error: text };
    }
    const keystone = keystoneErrorSchema.safeParse(body.value);
    if (keystone.success) {
      return {
        errorType: status === 401 ? 'unauthorized' : 'keystone_error',
        error: keystone.data.error.message,
      };
    }
  }
  if (status === 403) return { errorType: 'forbidden', error: FORBIDDEN_HINT };
  if (body.kind === 'text' && body.text.trim() !== '') {
    const kind = status === 503 ? 'unavailable' : status === 401 ? 'unauthorized' : 'aetos_error';
    return {
      errorType: kind,
      error: `HTTP ${status} ${body.contentType ?? ''}: ${snippet(body.text, body.contentType)}`,
    };
  }
  return describePrometheusErrorBody(body);
}
