export { PrometheusAbortError } from './errors/PrometheusAbortError.js';
export {
  PrometheusConnectionError,
  type PrometheusConnectionErrorDetails,
} from './errors/PrometheusConnectionError.js';
export { PrometheusError } from './errors/PrometheusError.js';
export { PrometheusQueryOptionsError } from './errors/PrometheusQueryOptionsError.js';
export {
  PrometheusResponseError,
  type PrometheusResponseErrorDetails,
} from './errors/PrometheusResponseError.js';
export {
  PrometheusTimeoutError,
  type PrometheusTimeoutErrorDetails,
} from './errors/PrometheusTimeoutError.js';
export { PrometheusClientBase } from './PrometheusClientBase.js';
export { durationSchema, timeSchema } from './query/formats.js';
export {
  type InstantQueryOptions,
  instantQueryOptionsSchema,
  type RangeQueryOptions,
  rangeQueryOptionsSchema,
} from './query/options.js';
export { type ResponseBody, snippet } from './response/body.js';
export {
  describePrometheusErrorBody,
  type ErrorDescription,
  INVALID_RESPONSE,
} from './response/describe-error-body.js';
export {
  errorResponseSchema,
  type PrometheusErrorResponse,
  type PrometheusSuccessResponse,
  successResponseSchema,
} from './schemas/envelope.js';
export { type PrometheusRangeResponse, rangeSuccessResponseSchema } from './schemas/range.js';
export {
  type InstantVectorSample,
  instantVectorSampleSchema,
  type Labels,
  labelsSchema,
  type MatrixData,
  matrixDataSchema,
  type QueryData,
  queryDataSchema,
  type RangeVectorSeries,
  rangeVectorSeriesSchema,
  type SamplePair,
  type ScalarData,
  type StringData,
  samplePairSchema,
  scalarDataSchema,
  stringDataSchema,
  type VectorData,
  vectorDataSchema,
} from './schemas/result.js';
export { type ErrorReason, findErrorReason, isTlsFailure } from './transport/error-reason.js';
export type { RawPrometheusResponse, TransportOptions } from './transport/raw-response.js';
export { type ReceivedResponse, rawResponseOf } from './transport/raw-response-of.js';
export { redactUrl } from './transport/redact-url.js';
export {
  backoffMs,
  isRetriedError,
  isRetriedResponse,
  type RetryOptions,
  retryAfterMs,
  withRetries,
} from './transport/retry.js';
export { type TransportErrorContext, toTransportError } from './transport/transport-error.js';
