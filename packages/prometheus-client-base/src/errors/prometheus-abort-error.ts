import { PrometheusError } from './prometheus-error.js';

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class PrometheusAbortError extends PrometheusError {
  override name = 'PrometheusAbortError';
  readonly query: string | undefined;

  constructor(details: { query?: string; cause?: unknown }) {
    const forQuery = details.query === undefined ? '' : ` for query '${details.query}'`;
    super(`Prometheus request aborted by the caller${forQuery}`, { cause: details.cause });
    this.query = details.query;
  }
}
