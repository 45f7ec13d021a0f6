import { StorageError } from './storage-error.js';

/** The file was written by a newer kitty-collect: its schema is unknown here, so it is left untouched. */
export class SchemaVersionError extends StorageError {
  override name = 'SchemaVersionError';
  readonly path: string;
  readonly found: number;
  readonly supported: number;

  constructor(path: string, found: number, supported: number) {
    super(
      `Storage ${path} has schema version ${found}; this kitty-collect knows versions up to ${supported} (upgrade kitty-collect)`,
    );
    this.path = path;
    this.found = found;
    this.supported = supported;
  }
}
