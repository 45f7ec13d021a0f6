import type { QueryArguments } from '../arguments.js';
import type { FaultCode } from '../http/responses.js';
import { PyJsonDecodeError, pyJsonLoads } from '../python/json-loads.js';
import { isPyDict, type PyValue } from '../python/value.js';
import { pyUrlencode } from './python-urlencode.js';

/** What Aetos makes of Prometheus' answer to one instant query. */
export type PrometheusOutcome =
  | { kind: 'result'; status: number; result: PyValue }
  | { kind: 'fault'; status: number; faultcode: FaultCode; faultstring: string };

/** Prometheus' raw answer, or why there is none. */
export type UpstreamAnswer =
  | { kind: 'response'; status: number; statusText: string; body: string }
  | { kind: 'connection-error'; error: unknown };

/** The parameters Aetos sends, in its order: query, then time and timeout when given. */
export function prometheusParams(args: QueryArguments): [string, string][] {
  const params: [string, string][] = [['query', args.query]];
  if (args.time !== undefined) params.push(['time', args.time]);
  if (args.timeout !== undefined) params.push(['timeout', args.timeout]);
  return params;
}

/** GET <prometheusUrl>/api/v1/query, as observabilityclient's PrometheusAPIClient does it (no timeout there). */
export function queryPrometheus(
  prometheusUrl: string,
  params: [string, string][],
  signal?: AbortSignal,
): Promise<UpstreamAnswer> {
  return getPrometheus(prometheusUrl, 'query', params, signal);
}

/**
 * GET <prometheusUrl>/api/v1/<endpoint> (`PrometheusAPIClient._get`): a repeated name (`match[]`) is sent once
 * per value, as requests encodes a list.
 */
export async function getPrometheus(
  prometheusUrl: string,
  endpoint: string,
  params: [string, string][],
  signal?: AbortSignal,
): Promise<UpstreamAnswer> {
  const url = `${prometheusUrl}/api/v1/${endpoint}?${pyUrlencode(params)}`;
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      body: await response.text(),
    };
  } catch (error) {
    return { kind: 'connection-error', error };
  }
}

const ERRNO: Record<string, [number, string]> = {
  ECONNREFUSED: [111, 'Connection refused'],
  EHOSTUNREACH: [113, 'No route to host'],
  ENETUNREACH: [101, 'Network is unreachable'],
  ECONNRESET: [104, 'Connection reset by peer'],
};

/** str(requests.ConnectionError) for a request Aetos could not deliver to Prometheus. */
export function requestsConnectionErrorText(
  prometheusUrl: string,
  params: [string, string][],
  error: unknown,
): string {
  const url = new URL(prometheusUrl);
  const https = url.protocol === 'https:';
  const port = url.port || (https ? '443' : '80');
  const pool = `${https ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${url.hostname}', port=${port})`;
  const path = `${url.pathname.replace(/\/+$/, '')}/api/v1/query?${pyUrlencode(params)}`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : ERRNO[code];
  if (code === 'ECONNRESET' && known) {
    return `('Connection aborted.', ConnectionResetError(${known[0]}, '${known[1]}'))`;
  }
  const connection = `<urllib3.connection.${https ? 'HTTPS' : 'HTTP'}Connection object at 0x7f4b2c1d3e50>`;
  const reason = known
    ? `NewConnectionError('${connection}: Failed to establish a new connection: [Errno ${known[0]}] ${known[1]}')`
    : `${cause instanceof Error ? cause.message : String(cause)}`;
  return `${pool}: Max retries exceeded with url: ${path} (Caused by ${reason})`;
}

/** str(PrometheusAPIClientError) for a status other than 200. */
function clientErrorText(status: number, statusText: string, body: string): string {
  let decoded: PyValue;
  try {
    decoded = pyJsonLoads(body);
  } catch {
    return `[${status}] ${body}`;
  }
  if (isPyDict(decoded) && decoded.entries.has('error')) {
    const error = decoded.entries.get('error');
    return `[${status}] ${typeof error === 'string' ? error : JSON.stringify(error)}`;
  }
  return `[${status}] ${statusText}`;
}

/**
 * Aetos' error mapping (`_get_correct_exception`): 4xx → Client fault with that status, 5xx → Server fault,
 * anything else → 501. A 200 whose body is not JSON is an unhandled exception (500, its text); a 200 with
 * `status` other than success trips over a bug in the client's error formatting (500 as well).
 */
export function mapPrometheusAnswer(
  answer: UpstreamAnswer,
  prometheusUrl: string,
  params: [string, string][],
): PrometheusOutcome {
  if (answer.kind === 'connection-error') {
    return {
      kind: 'fault',
      status: 500,
      faultcode: 'Server',
      faultstring: requestsConnectionErrorText(prometheusUrl, params, answer.error),
    };
  }
  const { status, statusText, body } = answer;
  if (status === 204) return { kind: 'result', status: 200, result: null };
  if (status !== 200) {
    const text = clientErrorText(status, statusText, body);
    if (status >= 400 && status < 500)
      return { kind: 'fault', status, faultcode: 'Client', faultstring: text };
    if (status >= 500 && status < 600)
      return { kind: 'fault', status, faultcode: 'Server', faultstring: text };
    return {
      kind: 'fault',
      status: 501,
      faultcode: 'Server',
      faultstring: `Aetos received an unexpected status code from prometheus: "${text}"`,
    };
  }
  let decoded: PyValue;
  try {
    decoded = pyJsonLoads(body);
  } catch (error) {
    const message = error instanceof PyJsonDecodeError ? error.message : String(error);
    return { kind: 'fault', status: 500, faultcode: 'Server', faultstring: message };
  }
  if (!isPyDict(decoded) || decoded.entries.get('status') !== 'success') {
    return {
      kind: 'fault',
      status: 500,
      faultcode: 'Server',
      // PrometheusAPIClientError.__str__ reads `decoded.status` on a dict; other documents fail earlier.
      faultstring: isPyDict(decoded)
        ? "'dict' object has no attribute 'status'"
        : 'Prometheus answered 200 with a JSON document that is not an object',
    };
  }
  return { kind: 'result', status: 200, result: decoded };
}
