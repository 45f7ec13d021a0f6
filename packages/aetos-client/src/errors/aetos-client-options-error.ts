import { PrometheusError } from '@kitty-collect/prometheus-client-base';

/** An AetosClient option is invalid; `option` names it. */
export class AetosClientOptionsError extends PrometheusError {
  override name = 'AetosClientOptionsError';
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`Invalid Aetos client option ${option}: ${reason}`);
    this.option = option;
  }
}
