import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../errors/storage-error.js';
import type { SummaryQuery } from '../summary-query.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import type { SqliteStorage } from './sqlite-storage.js';

// The summary's contract runs on every backend (storage/contract/summarize.test.ts); here, what only
// SQLite's decimal TEXT columns allow.
const T0 = new Date('2026-03-01T00:00:00Z');

let temp: TempStorageDir;
let storage: SqliteStorage;

beforeEach(() => {
  temp = new TempStorageDir();
  storage = temp.open();
  storage.addDataFrames(
    [
      hourFrame('a', T0, [
        { type: 'cpu', qty: '0.1', price: '0.01', groupby: { id: 'vm1' } },
        { type: 'volume', qty: '10', price: '0.1', unit: 'GiB', groupby: { id: 'vol2' } },
      ]),
    ],
    'project_id',
  );
});
afterEach(() => temp.cleanup());

function summarize(query: Partial<SummaryQuery> = {}) {
  return storage.summarize({
    begin: T0,
    end: hoursAfter(T0, 24),
    groupby: [],
    filters: {},
    fields: [{ fn: 'SUM', column: 'price', alias: 'rate' }],
    periodSeconds: 3600,
    ...query,
  });
}

describe('summarize (SQLite: decimals are TEXT a hand may edit)', () => {
  it('a stored decimal edited by hand into text is a StorageError naming it', () => {
    const editor = new SqliteDatabase(storage.path);
    editor.prepare("UPDATE points SET price = 'ten' WHERE qty = '10'").run();
    editor.close();
    expect(() => summarize()).toThrow(new StorageError('Unreadable decimal in points: "ten"'));
    expect(summarize({ fields: [{ fn: 'COUNT', column: 'price', alias: 'n' }] }).rows[0]?.values).toEqual([
      2,
    ]);
  });
});
