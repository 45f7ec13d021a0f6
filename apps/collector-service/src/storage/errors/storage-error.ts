/** Base of the storage's errors; `cause` carries the database's own error when there is one. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}
