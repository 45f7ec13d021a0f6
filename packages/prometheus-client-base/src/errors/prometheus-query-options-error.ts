import { PrometheusError } from './prometheus-error.js';

/** getInstant/getRange were called with arguments that cannot form a request. */
export class PrometheusQueryOptionsError extends PrometheusError {
  override name = 'PrometheusQueryOptionsError';
  /** The offending argument: `query`, `time`, `timeout`, `start`, `end` or `step`. */
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`Invalid query option "${option}": ${reason}`);
    this.option = option;
  }
}
