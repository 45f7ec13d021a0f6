import type { DataFrameJSON } from '@kitty-collect/collector-base';
import { expect } from 'vitest';
import { openSqliteStorage } from '../../storage/index.js';

/** One scope as a storage holds it: its state and its frames with points, by period start. */
export interface StoredScope {
  frames: number;
  lastProcessed: string | undefined;
  state: string | undefined;
  failures: number | undefined;
  /** Frames with points, keyed by period begin; points sorted, so that two runs compare as sets. */
  usage: Map<string, DataFrameJSON['usage']>;
}

/** Reads what a storage file holds for `scopes` (closing it again). */
export function readStored(path: string, scopes: readonly string[]): Map<string, StoredScope> {
  const storage = openSqliteStorage(path);
  try {
    return new Map(
      scopes.map((scopeId) => {
        const state = storage.getScopeState(scopeId);
        const { dataframes } = storage.queryDataFrames({ scopeIds: [scopeId] });
        const usage = new Map(dataframes.map((frame) => [frame.period.begin, sortedUsage(frame.usage)]));
        return [
          scopeId,
          {
            frames: storage.countDataFrames(scopeId),
            lastProcessed: state?.lastProcessed?.toISOString(),
            state: state?.state,
            failures: state?.failures,
            usage,
          },
        ];
      }),
    );
  } finally {
    storage.close();
  }
}

function sortedUsage(usage: DataFrameJSON['usage']): DataFrameJSON['usage'] {
  const key = (point: unknown) => JSON.stringify(point);
  return Object.fromEntries(
    Object.entries(usage)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, points]) => [type, [...points].sort((a, b) => key(a).localeCompare(key(b)))]),
  );
}

/**
 * A run that was disturbed stored complete periods only: per scope, contiguous periods from `since`
 * (its state's end is `since` + frames × period), each frame with points equal to the undisturbed
 * run's frame of that scope and period, and no frame the undisturbed run has not. Returns the number of
 * stored frames.
 */
export function expectCompletePeriods(
  disturbed: Map<string, StoredScope>,
  reference: Map<string, StoredScope>,
  window: { since: Date; periodSeconds: number },
): number {
  let total = 0;
  for (const [scopeId, scope] of disturbed) {
    const expected = reference.get(scopeId);
    if (expected === undefined) throw new Error(`no reference for scope ${scopeId}`);
    total += scope.frames;
    const end = new Date(window.since.getTime() + scope.frames * window.periodSeconds * 1000);
    // CloudKitty's state: the start of the last stored period.
    const lastBegin = new Date(end.getTime() - window.periodSeconds * 1000);
    expect(scope.lastProcessed, `last processed of scope ${scopeId}`).toBe(
      scope.frames === 0 ? undefined : lastBegin.toISOString(),
    );
    for (const [begin, usage] of scope.usage) {
      expect(usage, `scope ${scopeId}, period ${begin}`).toEqual(expected.usage.get(begin));
    }
    for (const [begin, usage] of expected.usage) {
      if (new Date(begin) < end) {
        expect(scope.usage.get(begin), `scope ${scopeId}, period ${begin}`).toEqual(usage);
      }
    }
  }
  return total;
}

/** Both storages hold exactly the same frames, points and scope positions (all scopes caught up, ok). */
export function expectSameStorage(
  actual: Map<string, StoredScope>,
  reference: Map<string, StoredScope>,
): void {
  const view = (stored: Map<string, StoredScope>) =>
    [...stored].map(([scopeId, scope]) => ({ scopeId, ...scope, usage: [...scope.usage] }));
  expect(view(actual)).toEqual(view(reference));
  for (const scope of actual.values()) expect(scope).toMatchObject({ state: 'ok', failures: 0 });
}
