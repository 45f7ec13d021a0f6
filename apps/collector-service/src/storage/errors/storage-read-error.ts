import { StorageError } from './storage-error.js';

/**
 * What was being read: whether the storage answers at all (`ping`, /healthz), a scope's state or all of
 * them, the dataframes (GET /v2/dataframes), the summary (GET /v2/summary), or a count of frames.
 */
export type StorageReadOperation =
  | 'ping'
  | 'get-scope'
  | 'list-scopes'
  | 'query-dataframes'
  | 'summarize'
  | 'count-dataframes';

const OPERATION_TEXT: Record<StorageReadOperation, (scopeId: string) => string> = {
  ping: () => 'reach the storage',
  'get-scope': (scopeId) => `read the state of scope ${scopeId}`,
  'list-scopes': () => 'read the scope states',
  'query-dataframes': () => 'read the dataframes',
  summarize: () => 'compute the summary',
  'count-dataframes': () => 'count the dataframes',
};

export interface StorageReadErrorDetails {
  /** The storage's location, for PostgreSQL its URL without credentials. */
  path: string;
  operation: StorageReadOperation;
  /** The scope read (`get-scope`), else `''`. */
  scopeId?: string;
  /** The database's words, e.g. `Connection terminated unexpectedly`, or `no answer within 2000 ms`. */
  reason: string;
  /** PostgreSQL's SQLSTATE (`57P01`…), the system's (`ECONNREFUSED`…), or SQLite's extended result code. */
  code?: string | undefined;
  cause?: unknown;
}

/** The database did not answer a read: the storage is unreachable or failed (nothing was changed). */
export class StorageReadError extends StorageError {
  override name = 'StorageReadError';
  readonly path: string;
  readonly operation: StorageReadOperation;
  readonly scopeId: string;
  readonly reason: string;

  constructor(details: StorageReadErrorDetails) {
    const scopeId = details.scopeId ?? '';
    const code = details.code === undefined ? '' : ` [${details.code}]`;
    super(
      `Could not ${OPERATION_TEXT[details.operation](scopeId)} in ${details.path}: ${details.reason}${code}`,
      {
        cause: details.cause,
        code: details.code,
      },
    );
    this.path = details.path;
    this.operation = details.operation;
    this.scopeId = scopeId;
    this.reason = details.reason;
  }
}
