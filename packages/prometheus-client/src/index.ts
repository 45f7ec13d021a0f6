export {
  type InstantQueryOptions,
  type InstantVectorSample,
  type Labels,
  type MatrixData,
  PrometheusAbortError,
  PrometheusConnectionError,
  PrometheusError,
  type PrometheusErrorResponse,
  PrometheusQueryOptionsError,
  type PrometheusRangeResponse,
  PrometheusResponseError,
  type PrometheusSuccessResponse,
  PrometheusTimeoutError,
  type QueryData,
  type RangeQueryOptions,
  type RangeVectorSeries,
  type SamplePair,
  type ScalarData,
  type StringData,
  type VectorData,
} from '@kitty-collect/prometheus-client-base';
export { PrometheusClientOptionsError } from './errors/prometheus-client-options-error.js';
export { type PrometheusClientOptions, prometheusClientOptionsSchema } from './options/schema.js';
export { PrometheusClient } from './prometheus-client.js';
