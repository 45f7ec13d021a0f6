export interface StorageErrorOptions {
  cause?: unknown;
  /**
   * The failure's code when it came with one: SQLite's extended result code (`SQLITE_FULL`,
   * `SQLITE_IOERR_WRITE`, `SQLITE_READONLY`, `SQLITE_CANTOPEN`…), PostgreSQL's SQLSTATE (`28P01`,
   * `57P01`…) or the system's (`ENOTDIR`, `EACCES`, `ECONNREFUSED`…).
   */
  code?: string | undefined;
}

/** Base of the storage's errors; `cause` carries the database's own error when there is one. */
export class StorageError extends Error {
  override name = 'StorageError';
  /** See StorageErrorOptions.code; undefined for the storage's own checks. */
  readonly code: string | undefined;

  constructor(message: string, options: StorageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}
