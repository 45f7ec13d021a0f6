import { redactUrlsInText } from '@kitty-collect/http-request';
import { PrometheusError } from '@kitty-collect/prometheus-client-base';

/**
 * No token could be obtained for Aetos (Keystone refused, was unreachable, or has no metric-storage
 * endpoint): the Keystone error is the `cause`. Any URL in the message is redacted.
 */
export class AetosAuthenticationError extends PrometheusError {
  override name = 'AetosAuthenticationError';
  readonly query: string | undefined;

  constructor(message: string, options: { query?: string; cause: unknown }) {
    super(redactUrlsInText(message), { cause: options.cause });
    this.query = options.query;
  }
}
