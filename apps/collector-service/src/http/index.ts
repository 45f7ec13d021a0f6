export { type ApiServer, type ApiServerOptions, createApiServer, DEFAULT_API_HOST } from './api-server.js';
export type { ApiLogger } from './api-types.js';
export { HttpError } from './errors/http-error.js';
export { InvalidParameterError } from './errors/invalid-parameter-error.js';
export type { HealthCheck, HealthStatus } from './health.js';
export { ServiceMetrics, type ServiceMetricsOptions, STORAGE_OPERATIONS } from './metrics.js';
export { MAX_LIMIT } from './routes/dataframes.js';
export type { ScopeSource } from './routes/scope/index.js';
