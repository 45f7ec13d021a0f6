import { describeSubject, type RequestSubject } from '../request-subject.js';
import { PrometheusError } from './prometheus-error.js';

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class PrometheusAbortError extends PrometheusError {
  override name = 'PrometheusAbortError';
  readonly query: string | undefined;
  readonly match: readonly string[] | undefined;

  constructor(details: RequestSubject & { cause?: unknown }) {
    super(`Prometheus request aborted by the caller${describeSubject(details)}`, { cause: details.cause });
    this.query = details.query;
    this.match = details.match;
  }
}
