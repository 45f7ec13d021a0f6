import type { RetriedResponse } from '@kitty-collect/http-request';

/**
 * Prometheus answers 503 with `errorType: timeout` when a query exceeds its evaluation timeout. Sending the
 * same query again would only repeat that load, so clients pass this as their retries' `isFinalResponse`.
 */
export function isEvaluationTimeout(response: RetriedResponse): boolean {
  if (response.status !== 503) return false;
  try {
    const parsed: unknown = JSON.parse(response.body);
    return (
      typeof parsed === 'object' && parsed !== null && 'errorType' in parsed && parsed.errorType === 'timeout'
    );
  } catch {
    return false;
  }
}
