import type { Database } from 'better-sqlite3';
import { SchemaVersionError } from '../errors/schema-version-error.js';

/**
 * Schema migrations, in order: migration i brings `user_version` from i to i + 1. Never edit a released
 * one; append. Instants are INTEGER milliseconds since the epoch (exact, and ordered as numbers);
 * quantities and prices are decimal TEXT as the collector produced them (never REAL: a binary float would
 * change the amounts billed). STRICT tables refuse a value of the wrong type instead of converting it.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scopes (
    scope_id TEXT PRIMARY KEY,
    last_processed INTEGER,
    state TEXT NOT NULL CHECK (state IN ('ok', 'failing')),
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE dataframes (
    id INTEGER PRIMARY KEY,
    scope_id TEXT NOT NULL REFERENCES scopes (scope_id),
    begin INTEGER NOT NULL,
    end INTEGER NOT NULL CHECK (end > begin),
    created_at INTEGER NOT NULL,
    UNIQUE (scope_id, begin)
  ) STRICT;
  -- Queries select by period and order by period then scope.
  CREATE INDEX dataframes_by_period ON dataframes (begin, end, scope_id);

  CREATE TABLE points (
    id INTEGER PRIMARY KEY,
    dataframe_id INTEGER NOT NULL REFERENCES dataframes (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    unit TEXT NOT NULL,
    qty TEXT NOT NULL,
    price TEXT NOT NULL,
    groupby TEXT NOT NULL CHECK (json_type(groupby) = 'object'),
    metadata TEXT NOT NULL CHECK (json_type(metadata) = 'object')
  ) STRICT;
  -- Points of a dataframe in insertion order (the id), and by rating type for the type filter.
  CREATE INDEX points_by_dataframe ON points (dataframe_id, id);
  CREATE INDEX points_by_type ON points (type, dataframe_id);
  `,
  // 2: CloudKitty's scope state. `last_processed` becomes the START of the last stored period (it was its
  // end); scopes get CloudKitty's attributes. Frames no longer need a scope state: POST /v2/dataframes
  // stores usage of scopes the loop has never processed (CloudKitty's storage keeps no state for them).
  `
  UPDATE scopes SET last_processed = coalesce(
    (SELECT d.begin FROM dataframes AS d WHERE d.scope_id = scopes.scope_id AND d.end = scopes.last_processed),
    (SELECT max(d.begin) FROM dataframes AS d WHERE d.scope_id = scopes.scope_id)
  ) WHERE last_processed IS NOT NULL;

  ALTER TABLE scopes ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  ALTER TABLE scopes ADD COLUMN active_toggled_at INTEGER;
  ALTER TABLE scopes ADD COLUMN scope_key TEXT;
  ALTER TABLE scopes ADD COLUMN fetcher TEXT;
  ALTER TABLE scopes ADD COLUMN collector TEXT;

  CREATE TABLE dataframes_v2 (
    id INTEGER PRIMARY KEY,
    scope_id TEXT NOT NULL,
    begin INTEGER NOT NULL,
    end INTEGER NOT NULL CHECK (end > begin),
    created_at INTEGER NOT NULL,
    UNIQUE (scope_id, begin)
  ) STRICT;
  INSERT INTO dataframes_v2 (id, scope_id, begin, end, created_at)
    SELECT id, scope_id, begin, end, created_at FROM dataframes;
  DROP TABLE dataframes;
  ALTER TABLE dataframes_v2 RENAME TO dataframes;
  CREATE INDEX dataframes_by_period ON dataframes (begin, end, scope_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to SCHEMA_VERSION in one transaction together with `user_version`, so a crash
 * mid-migration leaves the previous version intact. IMMEDIATE takes the write lock before reading the
 * version: two processes opening a new file at once migrate it once. Foreign keys are off meanwhile (SQLite's
 * procedure for rebuilding a table: dropping the old `dataframes` must not cascade to its points) and
 * checked before the commit.
 */
export function migrate(db: Database, path: string): void {
  const apply = db.transaction(() => {
    const version = userVersion(db);
    if (version > SCHEMA_VERSION) throw new SchemaVersionError(path, version, SCHEMA_VERSION);
    for (let step = version; step < SCHEMA_VERSION; step += 1) {
      db.exec(MIGRATIONS[step] ?? '');
      db.pragma(`user_version = ${step + 1}`);
    }
    const broken = db.pragma('foreign_key_check');
    if (Array.isArray(broken) && broken.length > 0) {
      throw new Error(`schema migration left ${broken.length} rows without their parent`);
    }
  });
  const foreignKeys: unknown = db.pragma('foreign_keys', { simple: true });
  db.pragma('foreign_keys = OFF');
  try {
    apply.immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}

function userVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}
