import type { UpstreamAnswer } from './prometheus/forward.js';

/**
 * Failures the real servers here cannot be made to produce on demand. Prefer real ones: stop Prometheus for
 * 500 "connection refused", stop Keystone for 503, send a heavy query with a tiny `timeout` for Prometheus' 503.
 * - `prometheus-500`: Prometheus answers 500 `{"status":"error","errorType":"internal","error":"simulated internal error"}`
 * - `prometheus-502-html`: a proxy in front of Prometheus answers 502 with an HTML page
 */
export type AetosFailureMode = 'none' | 'prometheus-500' | 'prometheus-502-html';

export const FAILURE_MODES: readonly AetosFailureMode[] = ['none', 'prometheus-500', 'prometheus-502-html'];

export function simulatedPrometheusAnswer(mode: AetosFailureMode): UpstreamAnswer | undefined {
  switch (mode) {
    case 'none':
      return undefined;
    case 'prometheus-500':
      return {
        kind: 'response',
        status: 500,
        statusText: 'Internal Server Error',
        body: '{"status":"error","errorType":"internal","error":"simulated internal error"}',
      };
    case 'prometheus-502-html':
      return {
        kind: 'response',
        status: 502,
        statusText: 'Bad Gateway',
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      };
  }
}
