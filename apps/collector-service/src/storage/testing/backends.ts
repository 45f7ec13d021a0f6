import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { openPostgresStorage, type PostgresStorageOptions } from '../postgres/open-postgres-storage.js';
import type { PostgresStorage } from '../postgres/postgres-storage.js';
import type { SqliteStorage } from '../sqlite/sqlite-storage.js';
import type { Storage } from '../storage.js';
import { usePostgresServer } from './postgres-server.js';
import { TempStorageDir } from './temp-storage.js';

/** The backends the storage contract suites (`storage/contract/`) run on. */
export const BACKENDS = ['sqlite', 'postgresql'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** `Storage` as its callers see it: every answer a promise, a throw a rejection (SQLite's too). */
export type AsyncStorage = {
  [K in keyof Storage]: (...args: Parameters<Storage[K]>) => Promise<Awaited<ReturnType<Storage[K]>>>;
};

export interface OpenOptions {
  now?: () => Date;
}

/** One backend for the tests of a describe block; what it opens is closed after each test. */
export interface TestBackend {
  readonly name: BackendName;
  /** A fresh, empty storage. */
  open(options?: OpenOptions): Promise<AsyncStorage>;
  /**
   * Makes the database of the storage opened last fail to insert a point of rating type `type` with
   * `disk on fire` (a trigger): a failure midway through a transaction.
   */
  refusePointsOfType(type: string): Promise<void>;
  /** The points of the storage opened last, and those whose dataframe is gone (there must be none). */
  countPoints(): Promise<{ points: number; orphans: number }>;
  /** Deletes every frame, point and scope state of the storage opened last: cheaper than another `open`. */
  empty(): Promise<void>;
}

/**
 * Registers the backend's hooks in the calling describe block and answers it: SQLite on a file of a fresh
 * directory per test; PostgreSQL, one server for the block (started once, stopped after it), a fresh
 * database per `open`.
 */
export function useBackend(name: BackendName): TestBackend {
  return name === 'sqlite' ? useSqlite() : usePostgres();
}

function useSqlite(): TestBackend {
  let temp: TempStorageDir;
  let opened = 0;
  let last: SqliteStorage | undefined;
  beforeEach(() => {
    temp = new TempStorageDir();
  });
  afterEach(() => temp.cleanup());
  const raw = <T>(use: (db: SqliteDatabase.Database) => T): T => {
    if (last === undefined) throw new Error('no storage opened');
    const db = new SqliteDatabase(last.path);
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    name: 'sqlite',
    async open(options = {}) {
      opened += 1;
      last = temp.open(`storage-${opened}.sqlite`, options);
      return promising(last);
    },
    async refusePointsOfType(type) {
      raw((db) =>
        db
          .prepare(
            `CREATE TRIGGER sabotage BEFORE INSERT ON points WHEN NEW.type = '${quoted(type)}'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
          )
          .run(),
      );
    },
    async countPoints() {
      return raw((db) =>
        pointCounts(
          db
            .prepare(
              `SELECT count(*) AS points,
                 count(*) FILTER (WHERE dataframe_id NOT IN (SELECT id FROM dataframes)) AS orphans
               FROM points`,
            )
            .get(),
        ),
      );
    },
    async empty() {
      raw((db) => db.exec('DELETE FROM points; DELETE FROM dataframes; DELETE FROM scopes;'));
    },
  };
}

function usePostgres(): TestBackend {
  const server = usePostgresServer();
  let database = '';
  const opened: PostgresStorage[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  const query = (sql: string) => server.running.query(sql, [], database);
  return {
    name: 'postgresql',
    async open(options = {}) {
      const fresh = await server.freshDatabase();
      database = fresh.name;
      const storage = await openPostgresStorage({
        url: fresh.url,
        ...options,
      } satisfies PostgresStorageOptions);
      opened.push(storage);
      return promising(storage);
    },
    async refusePointsOfType(type) {
      await query(
        `CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'disk on fire'; END $$`,
      );
      await query(
        `CREATE TRIGGER sabotage BEFORE INSERT ON points FOR EACH ROW WHEN (NEW.type = '${quoted(type)}')
         EXECUTE FUNCTION sabotage()`,
      );
    },
    async countPoints() {
      const [row] = await query(
        `SELECT count(*)::int AS points,
           (count(*) FILTER (WHERE dataframe_id NOT IN (SELECT id FROM dataframes)))::int AS orphans
         FROM points`,
      );
      return pointCounts(row);
    },
    async empty() {
      await query('TRUNCATE points, dataframes, scopes');
    },
  };
}

/** Every method's answer as a promise, a synchronous throw as a rejection: how `await` callers see it. */
export function promising(storage: Storage): AsyncStorage {
  return new Proxy(storage, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => Promise.resolve().then(() => value.apply(target, args));
    },
  }) as unknown as AsyncStorage;
}

/** A rating type inside a SQL string literal of the tests' own triggers. */
function quoted(text: string): string {
  return text.replaceAll("'", "''");
}

function pointCounts(row: unknown): { points: number; orphans: number } {
  const { points, orphans } = row as { points: number; orphans: number };
  return { points, orphans };
}
