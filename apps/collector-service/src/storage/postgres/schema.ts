import { SchemaVersionError } from '../errors/schema-version-error.js';
import type { Connection } from './connection.js';

/**
 * Schema migrations, in order: migration i brings the database from version i to i + 1. Never edit a
 * released one; append. Instants are `timestamptz` written from the service's clock (whole milliseconds);
 * quantities and prices are NUMERIC, exact. Labels are `json`, not `jsonb`: jsonb reorders keys, and the
 * API answers them in the order they were stored, as the SQLite storage does.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scopes (
    scope_id text PRIMARY KEY,
    last_processed timestamptz,
    state text NOT NULL CHECK (state IN ('ok', 'failing')),
    failures integer NOT NULL DEFAULT 0,
    last_error text,
    next_attempt_at timestamptz,
    updated_at timestamptz NOT NULL,
    active boolean NOT NULL DEFAULT true,
    active_toggled_at timestamptz,
    scope_key text,
    fetcher text,
    collector text
  );

  CREATE TABLE dataframes (
    id bigserial PRIMARY KEY,
    scope_id text NOT NULL,
    begin timestamptz NOT NULL,
    "end" timestamptz NOT NULL CHECK ("end" > begin),
    created_at timestamptz NOT NULL,
    -- The last guard against a period stored twice, whatever a writer checked before.
    CONSTRAINT dataframes_one_per_period UNIQUE (scope_id, begin)
  );
  -- Queries select by period and order by period then scope.
  CREATE INDEX dataframes_by_period ON dataframes (begin, "end", scope_id);

  CREATE TABLE points (
    id bigserial PRIMARY KEY,
    dataframe_id bigint NOT NULL REFERENCES dataframes (id) ON DELETE CASCADE,
    type text NOT NULL,
    unit text NOT NULL,
    qty numeric NOT NULL,
    price numeric NOT NULL,
    groupby json NOT NULL CHECK (json_typeof(groupby) = 'object'),
    metadata json NOT NULL CHECK (json_typeof(metadata) = 'object')
  );
  -- Points of a dataframe in insertion order (the id), and by rating type for the type filter.
  CREATE INDEX points_by_dataframe ON points (dataframe_id, id);
  CREATE INDEX points_by_type ON points (type, dataframe_id);

  -- Which replica collects a scope, until when (the coordination of replicas writes it; the storage only
  -- checks it, on the database's clock).
  CREATE TABLE scope_leases (
    scope_id text PRIMARY KEY,
    owner text NOT NULL DEFAULT '',
    expires_at timestamptz NOT NULL DEFAULT '-infinity',
    taken_at timestamptz
  );

  CREATE TABLE replicas (
    name text PRIMARY KEY,
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
  );
  `,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The advisory lock every kitty-collect takes to migrate (`kittycol` in ASCII): replicas starting
 * together wait for each other, and the first one migrates. Transaction-scoped, so it is released at
 * COMMIT or ROLLBACK, even when the connection drops.
 */
export const MIGRATION_LOCK = '7739845478214496108';

/**
 * Brings the database to POSTGRES_SCHEMA_VERSION, in the caller's transaction together with the version
 * row, so a failure midway leaves the previous version intact. A database of a newer version is left
 * untouched (`SchemaVersionError`).
 */
export async function migrate(connection: Connection, location: string): Promise<void> {
  await connection.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
  await connection.query('CREATE TABLE IF NOT EXISTS kitty_collect_schema (version integer NOT NULL)');
  const { rows } = await connection.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM kitty_collect_schema',
  );
  const version = rows[0]?.version ?? 0;
  if (version > POSTGRES_SCHEMA_VERSION) {
    throw new SchemaVersionError(location, version, POSTGRES_SCHEMA_VERSION);
  }
  if (version === POSTGRES_SCHEMA_VERSION) return;
  for (let step = version; step < POSTGRES_SCHEMA_VERSION; step += 1) {
    await connection.query(MIGRATIONS[step] ?? '');
  }
  await connection.query('DELETE FROM kitty_collect_schema');
  await connection.query('INSERT INTO kitty_collect_schema (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION]);
}
