import type { DataPoint } from '@kitty-collect/collector-base';
import { StorageError } from '../errors/storage-error.js';

/**
 * The identity of a point within its period: its rating type and its groupby, labels in name order. A
 * point written with the key of a stored one replaces it, as CloudKitty's storage backends overwrite a
 * point with the same tags and time.
 */
export function pointKey(type: string, groupby: Readonly<Record<string, string>>): string {
  return JSON.stringify([type, Object.entries(groupby).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** Only finite amounts are usage: NaN or Infinity would poison every sum of the period. */
export function checkFinite(type: string, point: DataPoint): void {
  if (!point.qty.isFinite() || !point.price.isFinite()) {
    throw new StorageError(`Point of ${type} has a non-finite quantity or price (${point.qty})`);
  }
}
