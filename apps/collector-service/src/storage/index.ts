export { LeaseLostError } from './errors/lease-lost-error.js';
export { PeriodConflictError, type PeriodConflictReason } from './errors/period-conflict-error.js';
export { SchemaVersionError } from './errors/schema-version-error.js';
export { ScopeExistsError } from './errors/scope-exists-error.js';
export { StorageError, type StorageErrorOptions } from './errors/storage-error.js';
export { StorageOpenError, type StorageOpenErrorDetails } from './errors/storage-open-error.js';
export {
  StorageReadError,
  type StorageReadErrorDetails,
  type StorageReadOperation,
} from './errors/storage-read-error.js';
export {
  StorageWriteError,
  type StorageWriteErrorDetails,
  type StorageWriteOperation,
} from './errors/storage-write-error.js';
export {
  openPostgresStorage,
  type PostgresStorageOptions,
} from './postgres/open-postgres-storage.js';
export { PostgresStorage } from './postgres/postgres-storage.js';
export { POSTGRES_SCHEMA_VERSION } from './postgres/schema.js';
export { type LeaseStatus, PostgresScopeLeases, type ScopeLeasesOptions } from './postgres/scope-leases.js';
export {
  openSqliteStorage,
  type SqliteStorageOptions,
  type SqliteSynchronous,
} from './sqlite/open-sqlite-storage.js';
export { SCHEMA_VERSION } from './sqlite/schema.js';
export { SqliteStorage } from './sqlite/sqlite-storage.js';
export { storagePathProblem } from './sqlite/storage-path-problem.js';
export type {
  MaybePromise,
  NewScopeState,
  ScopeHealth,
  ScopePatch,
  ScopeSelector,
  ScopeState,
  Storage,
  StoredDataFrameQuery,
  StoredDataFrames,
} from './storage.js';
export type {
  SummaryColumn,
  SummaryField,
  SummaryFunction,
  SummaryGroupBy,
  SummaryQuery,
  SummaryResult,
  SummaryRow,
} from './summary-query.js';
