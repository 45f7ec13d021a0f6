/** What a subclass's `get` resolves with: the transport's response. */
export type { HttpResponse } from '@kitty-collect/http-request';
export { PrometheusAbortError } from './errors/prometheus-abort-error.js';
export {
  PrometheusConnectionError,
  type PrometheusConnectionErrorDetails,
} from './errors/prometheus-connection-error.js';
export { PrometheusError } from './errors/prometheus-error.js';
export { PrometheusQueryOptionsError } from './errors/prometheus-query-options-error.js';
export {
  PrometheusResponseError,
  type PrometheusResponseErrorDetails,
} from './errors/prometheus-response-error.js';
export {
  PrometheusTimeoutError,
  type PrometheusTimeoutErrorDetails,
} from './errors/prometheus-timeout-error.js';
export { PromqlSyntaxError } from './errors/promql-syntax-error.js';
export { PrometheusClientBase, type TransportOptions } from './prometheus-client-base.js';
export { durationSeconds } from './promql/duration.js';
export { evaluationInstant, pinQueryAt } from './promql/pin-at.js';
export {
  childOf,
  editQuery,
  MAX_NESTING,
  nodeText,
  type PromqlNode,
  type PromqlTree,
  parsePromql,
  type QueryEdit,
} from './promql/promql-tree.js';
export { durationSchema, timeSchema } from './query/formats.js';
export {
  type LabelOptions,
  labelNameSchema,
  labelNamesOptionsSchema,
  labelValuesOptionsSchema,
  type SeriesOptions,
  seriesOptionsSchema,
} from './query/metadata-options.js';
export {
  type InstantQueryOptions,
  instantQueryOptionsSchema,
  type RangeQueryOptions,
  rangeQueryOptionsSchema,
} from './query/options.js';
export { encodeQueryParams, type QueryParams } from './query/params.js';
export { describeSubject, type RequestSubject } from './request-subject.js';
export { type ResponseBody, snippet } from './response/body.js';
export {
  describePrometheusErrorBody,
  type ErrorDescription,
  INVALID_RESPONSE,
} from './response/describe-error-body.js';
export { isEvaluationTimeout } from './response/evaluation-timeout.js';
export {
  errorResponseSchema,
  type PrometheusErrorResponse,
  type PrometheusSuccessResponse,
  successResponseSchema,
} from './schemas/envelope.js';
export {
  labelListResponseSchema,
  type PrometheusLabelListResponse,
  type PrometheusSeriesResponse,
  seriesResponseSchema,
} from './schemas/metadata.js';
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
