import { StorageError } from './storage-error.js';

/**
 * What was being written: a period's frame and state (`commit`), a failed attempt (`record-failure`),
 * frames from the API (`add-dataframes`), or a scope state from the API (`reset-scopes`, `update-scope`,
 * `create-scope`).
 */
export type StorageWriteOperation =
  | 'commit'
  | 'record-failure'
  | 'add-dataframes'
  | 'reset-scopes'
  | 'update-scope'
  | 'create-scope';

const OPERATION_TEXT: Record<Exclude<StorageWriteOperation, 'commit'>, (scopeId: string) => string> = {
  'record-failure': (scopeId) => `record the failure of scope ${scopeId}`,
  'add-dataframes': () => 'add the dataframes',
  'reset-scopes': () => 'reset the scope states',
  'update-scope': (scopeId) => `update the state of scope ${scopeId}`,
  'create-scope': (scopeId) => `create the state of scope ${scopeId}`,
};

export interface StorageWriteErrorDetails {
  path: string;
  operation: StorageWriteOperation;
  scopeId: string;
  /** The period's start (`commit`). */
  begin?: Date | undefined;
  /** The database's words, e.g. `database or disk is full`. */
  reason: string;
  /**
   * SQLite's extended result code (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, `SQLITE_READONLY`, `SQLITE_BUSY`…),
   * PostgreSQL's SQLSTATE (`53100` disk full, `57P01` connection terminated…) or, for a lost connection,
   * the system's (`ECONNREFUSED`, `ECONNRESET`…).
   */
  code?: string | undefined;
  cause?: unknown;
}

/** The database refused a write: the transaction rolled back, nothing of it is stored. */
export class StorageWriteError extends StorageError {
  override name = 'StorageWriteError';
  readonly path: string;
  readonly operation: StorageWriteOperation;
  readonly scopeId: string;
  readonly begin: Date | undefined;
  readonly reason: string;

  constructor(details: StorageWriteErrorDetails) {
    const what =
      details.operation === 'commit'
        ? `store period ${details.begin?.toISOString() ?? '?'} of scope ${details.scopeId}`
        : OPERATION_TEXT[details.operation](details.scopeId);
    const code = details.code === undefined ? '' : ` [${details.code}]`;
    super(`Could not ${what} in ${details.path}: ${details.reason}${code}`, {
      cause: details.cause,
      code: details.code,
    });
    this.path = details.path;
    this.operation = details.operation;
    this.scopeId = details.scopeId;
    this.begin = details.begin;
    this.reason = details.reason;
  }

  /** The disk (or the database's page limit) is full: SQLITE_FULL, or PostgreSQL's disk_full (53100). */
  get full(): boolean {
    return this.code === 'SQLITE_FULL' || this.code === '53100';
  }
}
