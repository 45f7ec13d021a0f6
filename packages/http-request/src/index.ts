export { contentCodings, decodeBody, unsupportedCoding } from './decode-body.js';
export { delay } from './delay.js';
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  type TlsOptions,
} from './dispatcher.js';
export { RequestTimeoutError } from './errors/request-timeout-error.js';
export { TlsFileError, type TlsFileErrorDetails, type TlsFileRole } from './errors/tls-file-error.js';
export {
  TransportError,
  type TransportErrorDetails,
  type TransportFailureKind,
} from './errors/transport-error.js';
export {
  type ErrorReason,
  failureKindOf,
  findErrorReason,
  isTlsFailure,
  toTransportError,
} from './failure.js';
export { redactUrl, redactUrlsInText } from './redact-url.js';
export {
  backoffMs,
  isRetriedError,
  isRetriedResponse,
  type RetriedResponse,
  type RetryOptions,
  retryAfterMs,
  withRetries,
} from './retry.js';
export { type HttpResponse, type SendRequestOptions, sendRequest } from './send-request.js';
export { readTlsFiles, type TlsFiles } from './tls-files.js';
