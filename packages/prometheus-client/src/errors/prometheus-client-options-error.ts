import { PrometheusError } from '@kitty-collect/prometheus-client-base';

/**
 * The constructor options are unusable. The message names the option and the
 * rule it breaks, never the value given: that value may be a password.
 */
export class PrometheusClientOptionsError extends PrometheusError {
  override name = 'PrometheusClientOptionsError';
  /** The offending option (`url`, `password`, `caFile`, …), or `options` for the object as a whole. */
  readonly option: string;

  constructor(option: string, reason: string, options?: { cause?: unknown }) {
    super(`Invalid PrometheusClient option "${option}": ${reason}`, options);
    this.option = option;
  }
}
