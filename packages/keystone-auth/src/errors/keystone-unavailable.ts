import { type HttpResponse, redactUrl } from '@kitty-collect/http-request';
import { keystoneErrorMessage } from '../access/keystone-error-message.js';
import { KeystoneAuthError } from './keystone-auth-error.js';

export interface KeystoneUnavailableDetails {
  url: string;
  /** What happened: `ECONNREFUSED`, `timed out after 30 s`, `HTTP 503`, … */
  reason: string;
  status?: number;
  requestId?: string;
  cause?: unknown;
}

/** Keystone could not be reached or failed: connection error, timeout or 5xx. */
export class KeystoneUnavailable extends KeystoneAuthError {
  override name = 'KeystoneUnavailable';
  readonly url: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(details: KeystoneUnavailableDetails) {
    const url = redactUrl(details.url);
    const requestId = details.requestId ? ` (request id ${details.requestId})` : '';
    super(`Keystone is unavailable at ${url}: ${details.reason}${requestId}`, { cause: details.cause });
    this.url = url;
    this.status = details.status;
    this.requestId = details.requestId;
  }

  /** Keystone's 5xx answer to `url` as KeystoneUnavailable (its message and request id); undefined below 500. */
  static fromServerError(response: HttpResponse, url: string): KeystoneUnavailable | undefined {
    if (response.status < 500) return undefined;
    return new KeystoneUnavailable({
      url,
      status: response.status,
      reason: `HTTP ${response.status}: ${keystoneErrorMessage(response.body)}`,
      requestId: response.header('x-openstack-request-id'),
    });
  }
}
