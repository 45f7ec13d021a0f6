import { inspect } from 'node:util';
import { parseIni, readIniFile } from '@kitty-collect/oslo-config';
import { describe, expect, it } from 'vitest';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import { PasswordAuth } from '../identity/password.js';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import { tempTree } from '../testing/temp-tree.js';
import { loadFromConfSection } from './conf-section.js';

const SECRET = 'Ck-Pa55word-secret';

const CLOUDKITTY_CONF = `[DEFAULT]
debug = false
transport_url = rabbit://guest:guest@rabbit:5672/

[collect]
collector = aetos
period = 3600

[collector_aetos]
auth_section = keystone_authtoken
interface = internal
region_name = RegionOne
cafile = /etc/cloudkitty/aetos-ca.pem
timeout = 30
# Auth options here are not read: auth_section points elsewhere.
username = not-this-one

[keystone_authtoken]
www_authenticate_uri = http://keystone:5000
auth_type = password
auth_url = http://keystone:5000
memcached_servers = localhost:11211
project_domain_name = Default
user_domain_name = Default
project_name = service
username = cloudkitty
password = ${SECRET}
insecure = true
`;

describe('loadFromConfSection', () => {
  it('follows auth_section for the plugin; session and adapter options stay in the section itself', () => {
    const tree = tempTree({ 'cloudkitty.conf': CLOUDKITTY_CONF });
    try {
      const file = tree.path('cloudkitty.conf');
      const loaded = loadFromConfSection(readIniFile(file), 'collector_aetos');
      expect(loaded.auth).toBeInstanceOf(PasswordAuth);
      expect(loaded.auth.authUrl).toBe('http://keystone:5000/v3');
      expect(loaded.auth.describe()).toBe(
        "password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default'",
      );
      expect(JSON.stringify(loaded.auth.tokenRequestBody())).toBe(
        JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: 'cloudkitty', domain: { name: 'Default' }, password: SECRET } },
            },
            scope: { project: { name: 'service', domain: { name: 'Default' } } },
          },
        }),
      );
      // keystone_authtoken's `insecure` is not the collector's: session options come from [collector_aetos].
      expect(loaded.sessionOptions).toEqual({ caFile: '/etc/cloudkitty/aetos-ca.pem', timeout: 30 });
      expect(loaded.adapterOptions).toEqual({ interface: 'internal', regionName: 'RegionOne' });
      expect(loaded.authSection).toBe('keystone_authtoken');
      expect(loaded.sources.auth_url).toBe(`${file} [keystone_authtoken] line 21`);
      expect(loaded.sources.password).toBe(`${file} [keystone_authtoken] line 27`);
      expect(loaded.sources.cafile).toBe(`${file} [collector_aetos] line 13`);
      expect(loaded.sources.insecure).toBeUndefined();
      expectNoSecret(
        SECRET,
        inspect(loaded.auth),
        inspect(loaded.sessionOptions),
        JSON.stringify(loaded.sources),
      );
    } finally {
      tree.remove();
    }
  });

  it('reads everything from the section itself without auth_section', () => {
    const ini = parseIni(
      `[collector_aetos]\nauth_type = v3applicationcredential\nauth_url = https://keystone/identity\napplication_credential_id = ac\napplication_credential_secret = ${SECRET}\nvalid_interfaces = internal,public\ninsecure = yes\n`,
      'ck.conf',
    );
    const loaded = loadFromConfSection(ini, 'collector_aetos');
    expect(loaded.auth).toBeInstanceOf(ApplicationCredentialAuth);
    expect(loaded.auth.describe()).toBe('application credential auth with credential id ac');
    expect(loaded.sessionOptions).toEqual({ insecure: true });
    expect(loaded.adapterOptions).toEqual({ interface: ['internal', 'public'] });
    expect(loaded.authSection).toBe('collector_aetos');
  });

  it('a missing auth_section target is an error naming it, the file, section and line', () => {
    const ini = parseIni(
      '[collector_aetos]\ninterface = public\nauth_section = keystone_auth\n[keystone_authtoken]\n',
      'ck.conf',
    );
    const error = configError(() => loadFromConfSection(ini, 'collector_aetos'));
    expect(error.option).toBe('auth_section');
    expect(error.message).toBe(
      'Invalid Keystone option auth_section (ck.conf [collector_aetos] line 3): names section [keystone_auth], which the file does not have (it has [collector_aetos], [keystone_authtoken])',
    );
  });

  it('auth_type is required in the auth section (keystoneauth would load no plugin)', () => {
    const ini = parseIni(
      `[a]\nauth_section = ks\n[ks]\nauth_url = http://k\nusername = u\npassword = ${SECRET}\n`,
      'ck.conf',
    );
    const error = configError(() => loadFromConfSection(ini, 'a'));
    expect(error.option).toBe('auth_type');
    expect(error.source).toBe('ck.conf [ks]');
    expect(error.problem).toBe(
      'is not set in [ks], the auth_section of [a] (keystoneauth loads no auth plugin without it): use password, v3password, v3applicationcredential, token or v3token',
    );
    expectNoSecret(SECRET, error.message);
  });

  it('without auth_type nor auth_section, the message names both, and a typo of either', () => {
    const plain = parseIni('[a]\nauth_url = http://k\n', 'ck.conf');
    expect(configError(() => loadFromConfSection(plain, 'a')).message).toBe(
      'Invalid Keystone option auth_type (ck.conf [a]): is not set, and neither is auth_section (keystoneauth loads no auth plugin without one): set auth_type (password, v3password, v3applicationcredential, token or v3token), or auth_section to the section that has it',
    );
    const typo = parseIni(
      '[fetcher_keystone]\nkeystone_version = 3\nauth_sectoin = keystone_authtoken\n[keystone_authtoken]\nauth_type = password\n',
      'ck.conf',
    );
    const error = configError(() => loadFromConfSection(typo, 'fetcher_keystone'));
    expect(error.option).toBe('auth_type');
    expect(error.section).toBe('fetcher_keystone');
    expect(error.problem).toBe(
      'is not set, and neither is auth_section (keystoneauth loads no auth plugin without one): set auth_type (password, v3password, v3applicationcredential, token or v3token), or auth_section to the section that has it; auth_sectoin (line 3): did you mean auth_section?',
    );
  });

  it('names the missing option with file and auth section; a missing section is an error', () => {
    const ini = parseIni(
      `[a]\nauth_section = ks\n[ks]\nauth_type = password\nauth_url = http://k\nusername = u\npassword = ${SECRET}\n`,
      'ck.conf',
    );
    const error = configError(() => loadFromConfSection(ini, 'a'));
    expect(error.message).toBe(
      'Invalid Keystone option user_domain_name (ck.conf [ks]): username needs user_domain_name or user_domain_id',
    );
    expectNoSecret(SECRET, error.message, error);
    expect(configError(() => loadFromConfSection(ini, 'collector_aetos')).message).toBe(
      'Invalid Keystone option auth_type (ck.conf): there is no [collector_aetos] section',
    );
  });

  it('a bad value names its line; aliases are reported as written', () => {
    const ini = parseIni(
      `[a]\nauth_type = password\nauth_url = http://k\nuser_id = u\npassword = ${SECRET}\ntenant_name = svc\nproject_domain_id = default\ntimeout = soon\n`,
      'ck.conf',
    );
    expect(configError(() => loadFromConfSection(ini, 'a')).message).toBe(
      'Invalid Keystone option timeout (ck.conf [a] line 8): expected a number of seconds, got "soon"',
    );
    const aliased = parseIni(
      `[a]\nauth_type = password\nauth_url = http://k\nuser_id = u\npassword = ${SECRET}\ntenant_name = svc\n`,
      'ck.conf',
    );
    const error = configError(() => loadFromConfSection(aliased, 'a'));
    expect(error.message).toBe(
      'Invalid Keystone option project_domain_name (ck.conf [a]): project_name needs project_domain_name or project_domain_id',
    );
    const loaded = loadFromConfSection(
      parseIni(
        `[a]\nauth_type = password\nauth_url = http://k\nuser_id = u\npassword = ${SECRET}\ntenant_name = svc\ndefault_domain_id = default\n`,
        'ck.conf',
      ),
      'a',
    );
    expect(loaded.sources.project_name).toBe('ck.conf [a] line 6, as tenant_name');
    expect(loaded.auth.describe()).toBe("password auth for user id u, project 'svc' in domain id default");
  });

  it('errors carry file, section, line and the bare problem as fields, also through auth_section', () => {
    const ini = parseIni(
      `[a]\nauth_section = ks\ntimeout = soon\n[ks]\nauth_type = password\nauth_url = http://k\nusername = u\npassword = ${SECRET}\nuser_domain_name = Default\n`,
      'ck.conf',
    );
    expect(configError(() => loadFromConfSection(ini, 'a'))).toMatchObject({
      option: 'timeout',
      problem: 'expected a number of seconds, got "soon"',
      source: 'ck.conf [a] line 3',
      file: 'ck.conf',
      section: 'a',
      line: 3,
    });
    const noDomain = parseIni(
      `[a]\nauth_section = ks\n[ks]\nauth_type = password\nauth_url = http://k\nusername = u\npassword = ${SECRET}\n`,
      'ck.conf',
    );
    const missing = configError(() => loadFromConfSection(noDomain, 'a'));
    expect(missing).toMatchObject({
      option: 'user_domain_name',
      problem: 'username needs user_domain_name or user_domain_id',
      file: 'ck.conf',
      section: 'ks',
    });
    expect(missing.line).toBeUndefined();
  });

  it('a value an override gave is located by its variable, not a line', () => {
    const ini = parseIni(
      `[a]\nauth_type = password\nauth_url = http://k\nuser_id = u\npassword = ${SECRET}\n`,
      'ck.conf',
    ).withOverrides([
      { section: 'a', option: 'auth_type', value: 'saml2', variable: 'KITTY_COLLECT__A__AUTH_TYPE' },
    ]);
    const error = configError(() => loadFromConfSection(ini, 'a'));
    expect(error).toMatchObject({
      option: 'auth_type',
      source: 'ck.conf [a] from environment variable KITTY_COLLECT__A__AUTH_TYPE',
      file: 'ck.conf',
      section: 'a',
      variable: 'KITTY_COLLECT__A__AUTH_TYPE',
    });
    expect(error.line).toBeUndefined();
    const loaded = loadFromConfSection(
      ini.withOverrides([{ section: 'a', option: 'auth_type', value: 'password', variable: 'X_AUTH_TYPE' }]),
      'a',
    );
    expect(loaded.sources.auth_type).toBe('ck.conf [a] from environment variable X_AUTH_TYPE');
    expect(loaded.sources.auth_url).toBe('ck.conf [a] line 3');
  });
});
