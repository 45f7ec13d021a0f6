import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceConfig } from './load-service-config.js';
import { ServiceConfigError } from './service-config-error.js';
import { confDir, METRICS_YML, problemsOf, SOURCE_CONF } from './testing/conf-dir.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function load(extra: string, files: Record<string, string> = {}) {
  const dir = confDir({
    'cloudkitty.conf': `${SOURCE_CONF}\n${extra}`,
    'metrics.yml': METRICS_YML,
    ...files,
  });
  dirs.push(dir);
  return { dir, config: loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }) };
}

const PG = '[storage]\nbackend = postgresql\n\n[storage_postgresql]\n';
const URL_OK = 'url = postgresql://kitty:s3cr3t-pw@db.example:5433/ratings\n';

describe('[storage] and [storage_postgresql]', () => {
  it('defaults to SQLite at [kitty_collect] storage_path', async () => {
    const { dir, config } = load('[kitty_collect]\nstorage_path = frames.sqlite\n');
    expect((await config).storage).toEqual({ backend: 'sqlite', path: dir.path('frames.sqlite') });
    expect((await load('[storage]\nbackend = sqlite\nversion = 2\n').config).storage.backend).toBe('sqlite');
  });

  it('reads PostgreSQL with its defaults: pool 10, 5 s, no TLS, leases of 30 s', async () => {
    const { config } = load(`${PG}${URL_OK}`);
    expect((await config).storage).toEqual({
      backend: 'postgresql',
      postgresql: {
        url: 'postgresql://kitty:s3cr3t-pw@db.example:5433/ratings',
        poolSize: 10,
        connectTimeoutSeconds: 5,
        ssl: { mode: 'disable', caFile: undefined, certFile: undefined, keyFile: undefined },
        leaseSeconds: 30,
        replicaName: undefined,
      },
    });
  });

  it('resolves TLS files against the file and checks them readable', async () => {
    const { dir, config } = load(
      `${PG}${URL_OK}ssl_mode = verify-full\nssl_ca_file = ca.pem\nssl_cert_file = client.pem\nssl_key_file = client.key\nlease_seconds = 9\nreplica_name = rater-1\npool_size = 4\n`,
      { 'ca.pem': 'x', 'client.pem': 'x', 'client.key': 'x' },
    );
    const storage = (await config).storage;
    expect(storage).toMatchObject({
      backend: 'postgresql',
      postgresql: {
        poolSize: 4,
        leaseSeconds: 9,
        replicaName: 'rater-1',
        ssl: {
          mode: 'verify-full',
          caFile: dir.path('ca.pem'),
          certFile: dir.path('client.pem'),
          keyFile: dir.path('client.key'),
        },
      },
    });
    expect(
      await problemsOf(load(`${PG}${URL_OK}ssl_mode = require\nssl_ca_file = missing.pem\n`).config),
    ).toEqual([
      expect.objectContaining({
        section: 'storage_postgresql',
        option: 'ssl_ca_file',
        message: expect.stringMatching(/cannot read .*missing\.pem/),
      }),
    ]);
  });

  it.each([
    ['', 'url', /is required with \[storage\] backend = postgresql/],
    ['url = mysql://u:s3cr3t-pw@h/db\n', 'url', /expected a postgresql:\/\/ URL, got mysql:\/\/h\/db/],
    ['url = postgresql://u:s3cr3t-pw@h\n', 'url', /names no database/],
    [
      'url = postgresql://u:s3cr3t-pw@h/db?sslmode=require\n',
      'url',
      /parameters \(sslmode\): set TLS with ssl_mode/,
    ],
    ['url = not a url s3cr3t-pw\n', 'url', /not a URL/],
    [`${URL_OK}ssl_mode = prefer\n`, 'ssl_mode', /disable.*require.*verify-ca.*verify-full/],
    [`${URL_OK}ssl_mode = verify-ca\n`, 'ssl_ca_file', /is required with ssl_mode = verify-ca/],
    [`${URL_OK}ssl_cert_file = c.pem\nssl_mode = require\n`, 'ssl_key_file', /go together/],
    [`${URL_OK}lease_seconds = 1\n`, 'lease_seconds', /at least 3/],
    [`${URL_OK}pool_size = 1\n`, 'pool_size', /at least 2/],
    [`${URL_OK}replica_name = two words\n`, 'replica_name', /letters, digits/],
    [`${URL_OK}pool = 3\n`, 'pool', /unknown option/],
  ])('refuses %j, naming [storage_postgresql] %s, never the password', async (lines, option, message) => {
    const error = await load(`${PG}${lines}`).config.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceConfigError);
    const problems = (error as ServiceConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          section: 'storage_postgresql',
          option,
          message: expect.stringMatching(message),
        }),
      ]),
    );
    expect((error as Error).message).not.toContain('s3cr3t-pw');
  });

  it("stores in SQLite with a warning when the file names CloudKitty's own backend; refuses anything else", async () => {
    const config = await load('[storage]\nbackend = influxdb\n').config;
    expect(config.storage.backend).toBe('sqlite');
    expect(config.warnings).toEqual([
      expect.objectContaining({
        section: 'storage',
        option: 'backend',
        message:
          "CloudKitty's influxdb storage is not one kitty-collect writes: it stores in sqlite ([kitty_collect] storage_path); set backend = sqlite or postgresql",
      }),
    ]);
    expect(await problemsOf(load('[storage]\nbackend = sqlalchemy\n').config)).toEqual([
      expect.objectContaining({
        section: 'storage',
        option: 'backend',
        message: expect.stringMatching(/sqlite, postgresql, influxdb/),
      }),
    ]);
  });

  it('never shows the password of any URL it refuses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('mysql', 'postgresql', 'http'),
        fc.stringMatching(/^[A-Za-z0-9]{8,16}$/),
        fc.constantFrom('', '/db?sslmode=require', '/db?x=1', '/'),
        async (scheme, password, rest) => {
          const url = `${scheme}://user:${password}@host.example:5432${rest}`;
          const outcome = await load(`${PG}url = ${url}\n`).config.then(
            () => undefined,
            (caught: unknown) => caught,
          );
          if (outcome === undefined) return; // a valid URL: nothing printed
          expect(String((outcome as Error).message)).not.toContain(password);
        },
      ),
      { numRuns: 40 },
    );
  });
});
