import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import { redactUrl } from '@kitty-collect/http-request';
import type { StoragePostgresqlSection } from '../config/sections/storage.js';
import type { StorageConfig } from '../config/service-config.js';
import {
  openPostgresStorage,
  openSqliteStorage,
  PostgresScopeLeases,
  type Storage,
  StorageError,
  StorageOpenError,
} from '../storage/index.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';

/** The storage a command works on, and how to name it in messages. */
export interface OpenedStorage {
  storage: Storage;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  /** With PostgreSQL, for `serve`: this replica's leases on scopes (the storage checks them at commit). */
  leases?: PostgresScopeLeases;
  /** Gives the leases back, then closes the storage. */
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  /** `serve`: collect as one of the replicas sharing a PostgreSQL database (leases). */
  replica?: boolean;
  /** Renewing the leases, or giving them back at close, failed (the caller logs it; leases expire anyway). */
  onLeaseError?: (error: unknown, action: 'renew' | 'release') => void;
}

/**
 * The storage of `[storage] backend`, opened (created or migrated) before anything else starts; one line
 * and exit 1 when it cannot be (SQLite: a place that cannot hold the file, a newer schema, not a database;
 * PostgreSQL: unreachable, refused credentials, a newer schema). The line never holds the password.
 */
export async function openStorageOrExit(
  config: StorageConfig,
  options: OpenStorageOptions = {},
): Promise<OpenedStorage> {
  const option = config.backend === 'sqlite' ? '[kitty_collect] storage_path' : '[storage_postgresql] url';
  const location = storageLocation(config);
  try {
    if (config.backend === 'sqlite') {
      const storage = openSqliteStorage(config.path);
      return { storage, location, close: async () => storage.close() };
    }
    return await openPostgres(config.postgresql, location, options);
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    const reason = error instanceof StorageOpenError ? error.reason : error.message;
    throw new CliExit(
      EXIT.invalidConfiguration,
      `kitty-collect: cannot open the storage (${option} ${location}): ${redactUrl(reason)}`,
      { cause: error },
    );
  }
}

async function openPostgres(
  section: StoragePostgresqlSection,
  location: string,
  options: OpenStorageOptions,
): Promise<OpenedStorage> {
  const owner = options.replica === true ? (section.replicaName ?? defaultReplicaName()) : undefined;
  const storage = await openPostgresStorage({
    url: section.url,
    poolSize: section.poolSize,
    ssl: sslOptions(section.ssl),
    connectTimeoutMs: section.connectTimeoutSeconds * 1000,
    ...(owner === undefined ? {} : { leaseOwner: owner, applicationName: `kitty-collect ${owner}` }),
  });
  const leases =
    owner === undefined
      ? undefined
      : new PostgresScopeLeases({
          pool: storage.pool,
          owner,
          leaseSeconds: section.leaseSeconds,
          onRenewalError: (error) => options.onLeaseError?.(error, 'renew'),
        });
  return {
    storage,
    location,
    ...(leases === undefined ? {} : { leases }),
    close: async () => {
      await leases?.close().catch((error: unknown) => options.onLeaseError?.(error, 'release'));
      await storage.close();
    },
  };
}

/** The SQLite file, or the PostgreSQL URL without its password: the storage as messages name it. */
export function storageLocation(config: StorageConfig): string {
  return config.backend === 'sqlite' ? config.path : redactUrl(config.postgresql.url);
}

/** Unique per process: a restarted replica is a new one (its old leases expire, or it gave them back). */
function defaultReplicaName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * libpq's `sslmode` as Node's TLS options: `require` encrypts without checking the certificate (libpq's
 * meaning), `verify-ca` checks it against the CA only, `verify-full` also the host name.
 */
function sslOptions(ssl: StoragePostgresqlSection['ssl']): ConnectionOptions | false {
  if (ssl.mode === 'disable') return false;
  const files: ConnectionOptions = {
    ...(ssl.caFile === undefined ? {} : { ca: readFileSync(ssl.caFile) }),
    ...(ssl.certFile === undefined ? {} : { cert: readFileSync(ssl.certFile) }),
    ...(ssl.keyFile === undefined ? {} : { key: readFileSync(ssl.keyFile) }),
  };
  if (ssl.mode === 'require') return { ...files, rejectUnauthorized: false };
  if (ssl.mode === 'verify-ca')
    return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  return { ...files, rejectUnauthorized: true };
}
