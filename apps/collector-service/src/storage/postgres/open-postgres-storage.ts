import type { ConnectionOptions } from 'node:tls';
import { redactUrl } from '@kitty-collect/http-request';
import pg from 'pg';
import { StorageError } from '../errors/storage-error.js';
import { StorageOpenError } from '../errors/storage-open-error.js';
import { inTransaction } from './connection.js';
import { driverFailure } from './driver-failure.js';
import { PostgresStorage } from './postgres-storage.js';
import { migrate } from './schema.js';

export interface PostgresStorageOptions {
  /** `postgresql://user:password@host:port/database`; never shown with its credentials. */
  url: string;
  /** Connections at most (`pg.Pool` max). Default 5. */
  poolSize?: number;
  /** TLS for the connections, passed to `pg` as is (the configuration builds it); default none. */
  ssl?: ConnectionOptions | false;
  /** How long connecting (and waiting for a free connection of the pool) may take. Default 5000. */
  connectTimeoutMs?: number;
  /** What `pg_stat_activity` shows for our sessions. Default `kitty-collect`. */
  applicationName?: string;
  /** How long `ping()` waits for `SELECT 1`. Default 2000. */
  pingTimeoutMs?: number;
  /**
   * When set, commitPeriod and recordFailure only write while this owner (the replica's name) holds the
   * scope's lease in `scope_leases`: a commit without it fails with `LeaseLostError`, a failure without it
   * is not recorded.
   */
  leaseOwner?: string;
  /** Clock of `updatedAt`, `created_at` and the other instants the storage writes (tests). */
  now?: () => Date;
}

/**
 * Connects to the database (one connection is made and checked before answering), then migrates its
 * schema in one transaction under an advisory lock (replicas opening it together migrate it once), and
 * answers the storage. Any failure to connect is a `StorageOpenError` whose path is the URL without its
 * credentials; a database of a newer schema a `SchemaVersionError`. Nothing is left open on failure.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const location = redactUrl(options.url);
  const poolSize = wholeNumber('poolSize', options.poolSize ?? 5, 1);
  const connectTimeoutMs = wholeNumber('connectTimeoutMs', options.connectTimeoutMs ?? 5000, 1);
  const pingTimeoutMs = wholeNumber('pingTimeoutMs', options.pingTimeoutMs ?? 2000, 1);
  if (!isPostgresUrl(options.url)) {
    // The text itself may be a mistyped secret: only its redacted form is shown.
    throw new StorageOpenError({ path: location, reason: 'not a postgresql:// or postgres:// URL' });
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: options.applicationName ?? 'kitty-collect',
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
  });
  // An idle connection's failure (a server restart, pg_terminate_backend) is reported here; the pool has
  // dropped that connection already, and the next call opens another. Without a listener, it would crash
  // the process.
  pool.on('error', () => undefined);
  try {
    await inTransaction(pool, 'write', (connection) => migrate(connection, location));
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StorageError) throw error;
    throw new StorageOpenError({ path: location, ...driverFailure(error), cause: error });
  }
  return new PostgresStorage(pool, {
    location,
    leaseOwner: options.leaseOwner,
    pingTimeoutMs,
    now: options.now ?? (() => new Date()),
  });
}

function isPostgresUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'postgresql:' || protocol === 'postgres:';
}

function wholeNumber(name: string, value: number, least: number): number {
  if (!Number.isSafeInteger(value) || value < least) {
    throw new StorageError(`${name} must be a whole number ≥ ${least}, got ${value}`);
  }
  return value;
}
