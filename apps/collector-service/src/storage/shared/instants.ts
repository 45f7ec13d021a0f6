import { StorageError } from '../errors/storage-error.js';

/** A date given to the storage, in ms; an invalid one (NaN) is refused before anything is written. */
export function instant(date: Date, name: string): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new StorageError(`${name}: invalid date`);
  return time;
}
