import { CollectorError } from './collector-error.js';

export interface CollectErrorContext {
  collector: string;
  metricKey?: string;
  scopeId?: string;
  query?: string;
  cause?: unknown;
}

/** A collection failed: the backend refused, failed or answered something unusable. */
export class CollectError extends CollectorError {
  override name = 'CollectError';
  readonly collector: string;
  readonly metricKey: string | undefined;
  readonly scopeId: string | undefined;
  readonly query: string | undefined;

  constructor(message: string, context: CollectErrorContext) {
    super(message, { cause: context.cause });
    this.collector = context.collector;
    this.metricKey = context.metricKey;
    this.scopeId = context.scopeId;
    this.query = context.query;
  }
}
