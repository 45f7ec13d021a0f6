import {
  PrometheusResponseError,
  type PrometheusSuccessResponse,
} from '@kitty-collect/prometheus-client-base';

/**
 * How an AetosClient gives Aetos the evaluation time of an instant query: `query` sends Prometheus' `time`
 * and `timeout` parameters (Aetos ≥ 2.0); `at-modifier` pins the query with `@ <time>` instead and keeps
 * the timeout on the client's side (Aetos 1.0 takes `query` only); `auto` starts with `query` and turns
 * to `at-modifier` for good at Aetos 1.0's answer to them.
 */
export const TIME_PARAMETERS = ['auto', 'query', 'at-modifier'] as const;
export type TimeParameter = (typeof TIME_PARAMETERS)[number];

/** WSME's names for the arguments Aetos 1.0 refuses: `Unknown argument: "time"`, `"time, timeout"`, … */
const UNKNOWN_TIME_ARGUMENT = /^Unknown argument: "(?:time|timeout)(?:, (?:time|timeout))?"$/;

/** Whether `error` is Aetos 1.0's 400 for `time`/`timeout` — and nothing else. */
export function isUnknownTimeArgument(error: unknown): boolean {
  return (
    error instanceof PrometheusResponseError &&
    error.status === 400 &&
    error.errorType === 'aetos_client' &&
    UNKNOWN_TIME_ARGUMENT.test(error.error)
  );
}

/**
 * A pinned query's answer as the same query evaluated at `seconds` answers: instant vectors, scalars and
 * strings carry the evaluation time (a pinned query is evaluated "now"); range vectors carry their
 * samples' own times and stay as they are.
 */
export function atEvaluationTime(
  response: PrometheusSuccessResponse,
  seconds: number,
): PrometheusSuccessResponse {
  const { data } = response;
  switch (data.resultType) {
    case 'vector':
      return {
        ...response,
        data: {
          ...data,
          result: data.result.map((sample) => ({ ...sample, value: [seconds, sample.value[1]] })),
        },
      };
    case 'scalar':
    case 'string':
      return { ...response, data: { ...data, result: [seconds, data.result[1]] } };
    default:
      return response;
  }
}
