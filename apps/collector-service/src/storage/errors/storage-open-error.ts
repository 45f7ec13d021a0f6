import { StorageError } from './storage-error.js';

export interface StorageOpenErrorDetails {
  path: string;
  /** What went wrong, e.g. `cannot create its directory: ENOTDIR: not a directory, mkdir '/srv/file/data'`. */
  reason: string;
  code?: string | undefined;
  cause?: unknown;
}

/** The storage file cannot be opened or created (nothing was read or written). */
export class StorageOpenError extends StorageError {
  override name = 'StorageOpenError';
  readonly path: string;
  readonly reason: string;

  constructor(details: StorageOpenErrorDetails) {
    super(`Cannot open storage ${details.path}: ${details.reason}`, {
      cause: details.cause,
      code: details.code,
    });
    this.path = details.path;
    this.reason = details.reason;
  }
}
