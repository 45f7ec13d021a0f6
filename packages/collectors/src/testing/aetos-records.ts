import type { AetosRequestRecord } from '@kitty-collect/test-stack';

/**
 * The gateway's records without Aetos 1.0's refusals of `time=` (400 `Unknown argument: "time"`, after
 * which the client pins its queries with `@`): what was asked and answered, in either release.
 */
export function answeredRecords(records: readonly AetosRequestRecord[]): AetosRequestRecord[] {
  return records.filter((record) => !(record.status === 400 && 'time' in record.params));
}
