import { StorageError } from '../errors/storage-error.js';

/** `limit` and `offset` of a query, when given, are whole numbers ≥ 0 (SQLite would take anything). */
export function checkPaging(operation: string, query: { limit?: number; offset?: number }): void {
  for (const [name, value] of [
    ['limit', query.limit],
    ['offset', query.offset],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new StorageError(`${operation}: ${name} must be a whole number ≥ 0, got ${value}`);
    }
  }
}
