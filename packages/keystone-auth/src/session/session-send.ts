import type { HttpResponse } from '@kitty-collect/http-request';
import type { SessionRequestOptions } from './adapter-options.js';

/**
 * The session's one HTTP path: a request on its connection pool and TLS settings, with its user agent and
 * timeout, and no token. Authentication uses it as it is; `Session.request` adds the token and re-auth.
 */
export type SessionSend = (url: string, options?: SessionRequestOptions) => Promise<HttpResponse>;
