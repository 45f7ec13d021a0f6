import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceConfig } from './load-service-config.js';
import { confDir, METRICS_YML, problemsOf, SOURCE_CONF } from './testing/conf-dir.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function load(extra: string, servesApi: boolean) {
  const dir = confDir({ 'cloudkitty.conf': `${extra}\n${SOURCE_CONF}`, 'metrics.yml': METRICS_YML });
  dirs.push(dir);
  return loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {}, servesApi });
}

const AUTHTOKEN = `[keystone_authtoken]
auth_type = password
auth_url = http://127.0.0.1:5000/v3
username = cloudkitty
password = secret
user_domain_name = Default
project_name = service
project_domain_name = Default
`;

describe('[DEFAULT] auth_strategy and [keystone_authtoken]', () => {
  it("CloudKitty's default is keystone: serving the API needs [keystone_authtoken], one-shot commands do not", async () => {
    expect((await load('', false)).api).toEqual({ strategy: 'keystone' });
    const problems = await problemsOf(load('', true));
    expect(problems).toEqual([
      expect.objectContaining({
        section: 'keystone_authtoken',
        message: expect.stringMatching(/section is missing/),
      }),
    ]);
  });

  it("reads keystonemiddleware's options with the service's credentials", async () => {
    const config = await load(
      `[DEFAULT]\nauth_strategy = keystone\n\n${AUTHTOKEN}www_authenticate_uri = http://keystone.example\ntoken_cache_time = 60\nregion_name = RegionTwo\n`,
      true,
    );
    expect(config.api.strategy).toBe('keystone');
    expect(config.api.keystone).toMatchObject({
      wwwAuthenticateUri: 'http://keystone.example',
      tokenCacheSeconds: 60,
      regionName: 'RegionTwo',
      serviceTokenRoles: ['service'],
    });
    expect(config.api.keystone?.connection.auth.authUrl).toBe('http://127.0.0.1:5000/v3');
    // auth_uri is the deprecated name; the cache time defaults to keystonemiddleware's 300 s.
    const old = await load(`${AUTHTOKEN}auth_uri = http://old.example\n`, true);
    expect(old.api.keystone).toMatchObject({
      wwwAuthenticateUri: 'http://old.example',
      tokenCacheSeconds: 300,
    });
  });

  it('noauth needs no [keystone_authtoken]; an unknown strategy or a bad cache time names the option', async () => {
    expect((await load('[DEFAULT]\nauth_strategy = noauth\n', true)).api).toEqual({ strategy: 'noauth' });
    expect(await problemsOf(load('[DEFAULT]\nauth_strategy = keystone2\n', false))).toEqual([
      expect.objectContaining({ section: 'DEFAULT', option: 'auth_strategy' }),
    ]);
    expect(await problemsOf(load(`${AUTHTOKEN}token_cache_time = soon\n`, true))).toEqual([
      expect.objectContaining({ section: 'keystone_authtoken', option: 'token_cache_time' }),
    ]);
  });
});

describe('[kitty_collect] tls_cert_file and tls_key_file', () => {
  it('both, resolved against the file and readable; one alone or a missing file is a problem naming it', async () => {
    const dir = confDir({
      'cloudkitty.conf': `[DEFAULT]\nauth_strategy = noauth\n${SOURCE_CONF}\n[kitty_collect]\ntls_cert_file = api.crt\ntls_key_file = api.key\n`,
      'metrics.yml': METRICS_YML,
      'api.crt': 'cert',
      'api.key': 'key',
    });
    dirs.push(dir);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.kittyCollect.tls).toEqual({ certFile: dir.path('api.crt'), keyFile: dir.path('api.key') });
    expect(await problemsOf(load('[kitty_collect]\ntls_cert_file = api.crt\n', false))).toEqual([
      expect.objectContaining({
        section: 'kitty_collect',
        option: 'tls_key_file',
        message: expect.stringMatching(/go together/),
      }),
    ]);
    expect(
      await problemsOf(
        load('[kitty_collect]\ntls_cert_file = missing.crt\ntls_key_file = missing.key\n', false),
      ),
    ).toEqual([
      expect.objectContaining({ option: 'tls_cert_file' }),
      expect.objectContaining({ option: 'tls_key_file' }),
    ]);
  });
});
