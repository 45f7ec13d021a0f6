export { PeriodConflictError, type PeriodConflictReason } from './errors/period-conflict-error.js';
export { SchemaVersionError } from './errors/schema-version-error.js';
export { StorageError } from './errors/storage-error.js';
export {
  openSqliteStorage,
  type SqliteStorageOptions,
  type SqliteSynchronous,
} from './sqlite/open-sqlite-storage.js';
export { SCHEMA_VERSION } from './sqlite/schema.js';
export { SqliteStorage } from './sqlite/sqlite-storage.js';
export type {
  MaybePromise,
  ScopeHealth,
  ScopeState,
  Storage,
  StoredDataFrameQuery,
  StoredDataFrames,
} from './storage.js';
