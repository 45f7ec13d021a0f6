/** Base of the storage's errors; `cause` carries the database's own error when there is one. */
export class StorageError extends Error {
  override name = 'StorageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
