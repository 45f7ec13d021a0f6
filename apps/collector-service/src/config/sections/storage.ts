import { redactUrl } from '@kitty-collect/http-request';
import { choiceValue, integerValue, secondsValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

/**
 * `[storage]`, CloudKitty's section (cloudkitty/storage/__init__.py): which backend stores the usage.
 * kitty-collect's backends are `sqlite` (embedded, one process: `[kitty_collect] storage_path`) and
 * `postgresql` (shared by replicas: `[storage_postgresql]`). A cloudkitty.conf shared with CloudKitty names
 * CloudKitty's own (influxdb, elasticsearch, opensearch): kitty-collect does not write those, uses SQLite
 * and says so (a warning); anything else is refused.
 */
export const STORAGE_SECTION = 'storage';
export const STORAGE_BACKENDS = ['sqlite', 'postgresql'] as const;
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];
export const CLOUDKITTY_STORAGE_BACKENDS = ['influxdb', 'elasticsearch', 'opensearch'] as const;
export type CloudkittyStorageBackend = (typeof CLOUDKITTY_STORAGE_BACKENDS)[number];

export const storageSectionSchema = z
  .object({
    backend: choiceValue([...STORAGE_BACKENDS, ...CLOUDKITTY_STORAGE_BACKENDS]).default('sqlite'),
    /** CloudKitty's storage API version (2): kitty-collect stores v2 dataframes only; accepted, ignored. */
    version: integerValue('2', { min: 2, max: 2 }).optional(),
  })
  .transform((section) => section.backend);

export const STORAGE_POSTGRESQL_SECTION = 'storage_postgresql';

/** libpq's `sslmode` values that mean something to a client with TLS (`prefer`/`allow` guess; refused). */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * `postgresql://user:password@host:port/database`: the password is part of the value, so a problem never
 * shows the value itself, only its redacted form. Query parameters (libpq's `?sslmode=`…) are refused:
 * TLS has its own options, so that it is set in one place.
 */
function postgresUrlValue() {
  return z.string().transform((text, ctx): string => {
    const refuse = (why: string) => {
      ctx.issues.push({ code: 'custom', message: why, input: undefined });
      return z.NEVER;
    };
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      return refuse('expected postgresql://user:password@host:port/database, got text that is not a URL');
    }
    const shown = redactUrl(url.href);
    if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
      return refuse(`expected a postgresql:// URL, got ${shown}`);
    }
    if (url.hostname === '') return refuse(`the URL names no host: ${shown}`);
    if (url.pathname.replace(/^\//, '') === '') return refuse(`the URL names no database: ${shown}`);
    if (url.search !== '') {
      return refuse(
        `the URL has parameters (${[...url.searchParams.keys()].join(', ')}): set TLS with ssl_mode, ssl_ca_file, ssl_cert_file and ssl_key_file instead`,
      );
    }
    return url.href;
  });
}

/**
 * `[storage_postgresql]`, kitty-collect's: the shared database of the replicas, its pool, TLS, and the
 * coordination of the replicas (leases of scopes, in the same database).
 */
export const storagePostgresqlSectionSchema = z
  .object({
    url: postgresUrlValue().optional(),
    pool_size: integerValue('a whole number of connections, at least 2', { min: 2, max: 1000 }).default(10),
    connect_timeout: secondsValue().default(5),
    ssl_mode: choiceValue(SSL_MODES).default('disable'),
    ssl_ca_file: textValue().optional(),
    ssl_cert_file: textValue().optional(),
    ssl_key_file: textValue().optional(),
    /**
     * How long a replica's hold on a scope lasts without renewal (renewed every third of it): after a
     * crash, the time until another replica takes its scopes over.
     */
    lease_seconds: integerValue('a whole number of seconds, at least 3', { min: 3, max: 86_400 }).default(30),
    /** This replica's name in the leases; default `<hostname>-<pid>-<random>`, unique per process. */
    replica_name: textValue().optional(),
  })
  .superRefine((section, ctx) => {
    if (section.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          'is required with [storage] backend = postgresql: postgresql://user:password@host:port/database',
      });
    }
    if ((section.ssl_cert_file === undefined) !== (section.ssl_key_file === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssl_key_file'],
        message: 'ssl_cert_file and ssl_key_file go together (a client certificate): set both or neither',
      });
    }
    const files = [section.ssl_ca_file, section.ssl_cert_file, section.ssl_key_file];
    if (section.ssl_mode === 'disable' && files.some((file) => file !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssl_mode'],
        message: 'is disable while TLS files are given: set require, verify-ca or verify-full',
      });
    }
    if (section.ssl_mode.startsWith('verify-') && section.ssl_ca_file === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssl_ca_file'],
        message: `is required with ssl_mode = ${section.ssl_mode}: the CA that signed the server's certificate`,
      });
    }
    if (section.replica_name !== undefined && !/^[\w.:@-]{1,128}$/.test(section.replica_name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['replica_name'],
        message: 'expected 1 to 128 letters, digits or . _ : @ -',
      });
    }
  })
  .transform((section) => ({
    url: section.url ?? '',
    poolSize: section.pool_size,
    connectTimeoutSeconds: section.connect_timeout,
    ssl: {
      mode: section.ssl_mode,
      caFile: section.ssl_ca_file,
      certFile: section.ssl_cert_file,
      keyFile: section.ssl_key_file,
    },
    leaseSeconds: section.lease_seconds,
    replicaName: section.replica_name,
  }));

export const STORAGE_OPTIONS = Object.keys(storageSectionSchema.in.shape);
export const STORAGE_POSTGRESQL_OPTIONS = Object.keys(storagePostgresqlSectionSchema.in.shape);

export type StoragePostgresqlSection = z.output<typeof storagePostgresqlSectionSchema>;
