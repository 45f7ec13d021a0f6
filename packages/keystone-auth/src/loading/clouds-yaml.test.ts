import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudsYamlError } from '../errors/clouds-yaml-error.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import { PasswordAuth } from '../identity/password.js';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import { tempTree } from '../testing/temp-tree.js';
import { loadFromCloudsYaml } from './clouds-yaml.js';

const SECRET = 'yaml-Secret-0123';

const cloudYaml = (name: string, extra = '') => `clouds:
  ${name}:
    auth:
      auth_url: http://keystone:5000
      username: cloudkitty
      user_domain_name: Default
      project_name: service
      project_domain_name: Default
      password: ${SECRET}
    region_name: RegionOne
    interface: internal
${extra}`;

let trees: Array<ReturnType<typeof tempTree>> = [];
function tree(files: Record<string, string>) {
  const created = tempTree(files);
  trees.push(created);
  return created;
}
afterEach(() => {
  for (const created of trees) created.remove();
  trees = [];
});

/** An environment whose search path stays inside the temp tree. */
function envFor(root: string, extra: Record<string, string> = {}) {
  return { HOME: `${root}/home`, XDG_CONFIG_DIRS: `${root}/xdg-site`, ...extra };
}

describe('loadFromCloudsYaml: the search path', () => {
  it('takes the first existing file: ./clouds.yaml, then $XDG_CONFIG_HOME/openstack, ~/.config/openstack, the site dir', () => {
    const t = tree({
      'cwd/clouds.yaml': cloudYaml('from-cwd'),
      'xdg/openstack/clouds.yaml': cloudYaml('from-xdg'),
      'home/.config/openstack/clouds.yml': cloudYaml('from-home'),
      'xdg-site/openstack/clouds.yaml': cloudYaml('from-site'),
    });
    const env = envFor(t.root, { XDG_CONFIG_HOME: t.path('xdg') });
    expect(loadFromCloudsYaml({ env, cwd: t.path('cwd') }).cloudName).toBe('from-cwd');
    expect(loadFromCloudsYaml({ env, cwd: t.path('elsewhere') }).cloudName).toBe('from-xdg');
    const home = loadFromCloudsYaml({ env: envFor(t.root), cwd: t.path('elsewhere') });
    expect(home.cloudName).toBe('from-home');
    expect(home.source).toBe(t.path('home/.config/openstack/clouds.yml'));
    const site = loadFromCloudsYaml({
      env: { ...envFor(t.root), HOME: t.path('nohome') },
      cwd: t.path('elsewhere'),
    });
    expect(site.cloudName).toBe('from-site');
  });

  it('the first existing file is used even when it lacks the cloud (openstacksdk does not look further)', () => {
    const t = tree({
      'cwd/clouds.yaml': cloudYaml('a'),
      'home/.config/openstack/clouds.yaml': cloudYaml('b'),
    });
    const error = configError(() =>
      loadFromCloudsYaml({ cloud: 'b', env: envFor(t.root), cwd: t.path('cwd') }),
    );
    expect(error.option).toBe('cloud');
    expect(error.message).toBe(
      `Invalid Keystone option cloud (cloud option): cloud "b" is not in ${t.path('cwd/clouds.yaml')} (it has a)`,
    );
  });

  it('OS_CLIENT_CONFIG_FILE is tried first', () => {
    const t = tree({ 'cwd/clouds.yaml': cloudYaml('a'), 'custom.yaml': cloudYaml('custom') });
    const loaded = loadFromCloudsYaml({
      env: envFor(t.root, { OS_CLIENT_CONFIG_FILE: t.path('custom.yaml') }),
      cwd: t.path('cwd'),
    });
    expect(loaded.cloudName).toBe('custom');
    expect(loaded.source).toBe(t.path('custom.yaml'));
  });

  it('explicit paths replace the search path; nothing found is an error listing where it looked', () => {
    const t = tree({ 'b.yaml': cloudYaml('b') });
    expect(loadFromCloudsYaml({ paths: [t.path('a.yaml'), t.path('b.yaml')], env: {} }).cloudName).toBe('b');
    const error = configError(() =>
      loadFromCloudsYaml({ paths: [t.path('none.yaml')], env: { OS_CLOUD: 'x' } }),
    );
    expect(error.message).toBe(
      `Invalid Keystone option cloud (environment variable OS_CLOUD): no clouds.yaml found; looked for ${t.path('none.yaml')}`,
    );
  });
});

describe('loadFromCloudsYaml: choosing the cloud', () => {
  const two = `${cloudYaml('alpha')}${cloudYaml('beta').replace('clouds:\n', '')}`;

  it('cloud argument, else OS_CLOUD, else the only cloud; several and no choice is an error', () => {
    const t = tree({ 'clouds.yaml': two, 'one.yaml': cloudYaml('solo') });
    const paths = [t.path('clouds.yaml')];
    expect(loadFromCloudsYaml({ paths, env: { OS_CLOUD: 'alpha' } }).cloudName).toBe('alpha');
    expect(loadFromCloudsYaml({ paths, cloud: 'beta', env: { OS_CLOUD: 'alpha' } }).cloudName).toBe('beta');
    expect(loadFromCloudsYaml({ paths: [t.path('one.yaml')], env: {} }).cloudName).toBe('solo');
    expect(configError(() => loadFromCloudsYaml({ paths, env: {} })).message).toBe(
      `Invalid Keystone option cloud (${t.path('clouds.yaml')}): choose one of alpha, beta with the cloud option or OS_CLOUD`,
    );
  });

  it('builds the plugin, session and adapter options of the cloud', () => {
    const t = tree({
      'clouds.yaml': cloudYaml('ck', '    api_timeout: 45\n    cacert: /etc/ssl/ck-ca.pem\n'),
    });
    const loaded = loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], env: {} });
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
    expect(loaded.sessionOptions).toEqual({ caFile: '/etc/ssl/ck-ca.pem', timeout: 45 });
    expect(loaded.adapterOptions).toEqual({ interface: 'internal', regionName: 'RegionOne' });
    expect(loaded.sources.password).toBe(`${t.path('clouds.yaml')}, cloud 'ck', auth.password`);
    expect(loaded.sources.region_name).toBe(`${t.path('clouds.yaml')}, cloud 'ck', region_name`);
    expectNoSecret(
      SECRET,
      inspect(loaded.auth),
      inspect(loaded.sessionOptions),
      JSON.stringify(loaded.sources),
    );
  });
});

describe('loadFromCloudsYaml: secure.yaml', () => {
  it('is deep-merged over the cloud; sources name the file each option came from', () => {
    const t = tree({
      'cwd/clouds.yaml': cloudYaml('ck').replace(`      password: ${SECRET}\n`, ''),
      'cwd/secure.yaml': `clouds:\n  ck:\n    auth:\n      password: ${SECRET}\n    interface: public\n`,
    });
    const loaded = loadFromCloudsYaml({ env: envFor(t.root), cwd: t.path('cwd') });
    expect(JSON.stringify(loaded.auth.tokenRequestBody())).toContain(`"password":"${SECRET}"`);
    expect(loaded.auth.describe()).toContain("user 'cloudkitty'");
    expect(loaded.adapterOptions.interface).toBe('public');
    expect(loaded.source).toBe(t.path('cwd/clouds.yaml'));
    expect(loaded.secureSource).toBe(t.path('cwd/secure.yaml'));
    expect(loaded.sources.password).toBe(`${t.path('cwd/secure.yaml')}, cloud 'ck', auth.password`);
    expect(loaded.sources.username).toBe(`${t.path('cwd/clouds.yaml')}, cloud 'ck', auth.username`);
  });

  it('secure.* is looked for beside explicit paths, or given explicitly', () => {
    const t = tree({
      'conf/clouds.yaml': cloudYaml('ck').replace(`      password: ${SECRET}\n`, ''),
      'conf/secure.yml': `clouds:\n  ck:\n    auth:\n      password: ${SECRET}\n`,
      'other/secret.yaml': `clouds:\n  ck:\n    auth:\n      password: other\n`,
    });
    expect(loadFromCloudsYaml({ paths: [t.path('conf/clouds.yaml')], env: {} }).secureSource).toBe(
      t.path('conf/secure.yml'),
    );
    const explicit = loadFromCloudsYaml({
      paths: [t.path('conf/clouds.yaml')],
      securePaths: [t.path('other/secret.yaml')],
      env: {},
    });
    expect(JSON.stringify(explicit.auth.tokenRequestBody())).toContain('"password":"other"');
  });
});

describe('loadFromCloudsYaml: TLS, regions, types', () => {
  const load = (extra: string, options: { regionName?: string } = {}) => {
    const t = tree({ 'clouds.yaml': cloudYaml('ck', extra) });
    return loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], env: {}, ...options });
  };

  it('verify: false → insecure; cacert is then ignored, as openstacksdk does', () => {
    expect(load('    verify: false\n').sessionOptions).toEqual({ insecure: true });
    expect(load('    verify: false\n    cacert: /ca.pem\n').sessionOptions).toEqual({ insecure: true });
    expect(load('    insecure: true\n    verify: true\n').sessionOptions).toEqual({ insecure: true });
    expect(load('    verify: true\n').sessionOptions).toEqual({});
  });

  it('verify given a path is the CA bundle (cacert wins); cert and key are the client certificate', () => {
    expect(load('    verify: /etc/ssl/bundle.pem\n').sessionOptions).toEqual({
      caFile: '/etc/ssl/bundle.pem',
    });
    expect(load('    verify: /etc/ssl/bundle.pem\n    cacert: /ca.pem\n').sessionOptions).toEqual({
      caFile: '/ca.pem',
    });
    expect(load('    cert: /c.pem\n    key: /k.pem\n').sessionOptions).toEqual({
      certFile: '/c.pem',
      keyFile: '/k.pem',
    });
    expect(configError(() => load('    verify: [1]\n')).option).toBe('verify');
  });

  it('regions: the first by default, region_name picks one, values override the cloud, unknown region is an error', () => {
    const regions =
      '    regions:\n      - name: East\n        values:\n          interface: public\n      - West\n';
    const noRegionName = (extra: string) => {
      const t = tree({ 'clouds.yaml': cloudYaml('ck', extra).replace('    region_name: RegionOne\n', '') });
      return (regionName?: string) =>
        loadFromCloudsYaml({
          paths: [t.path('clouds.yaml')],
          env: {},
          ...(regionName === undefined ? {} : { regionName }),
        });
    };
    const loader = noRegionName(regions);
    const east = loader();
    expect(east.adapterOptions).toEqual({ interface: 'public', regionName: 'East' });
    expect(east.sources.interface).toContain("cloud 'ck', regions[0].values.interface");
    expect(loader('West').adapterOptions).toEqual({ interface: 'internal', regionName: 'West' });
    const error = configError(() => loader('west'));
    expect(error.option).toBe('region_name');
    expect(error.message).toContain(
      '"west" is not a region of this cloud (it has East, West; names are case-sensitive)',
    );
  });

  it('numbers stay text exactly as written (a password 0123 is not 123)', () => {
    const t = tree({
      'clouds.yaml': `clouds:\n  ck:\n    auth_type: password\n    auth:\n      auth_url: http://k\n      user_id: 0042\n      password: 0123\n      project_id: 12345678901234567890123456789012\n    api_timeout: 2.5\n`,
    });
    const loaded = loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], env: {} });
    expect(JSON.stringify(loaded.auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { id: '0042', password: '0123' } } },
          scope: { project: { id: '12345678901234567890123456789012' } },
        },
      }),
    );
    expect(loaded.sessionOptions).toEqual({ timeout: 2.5 });
  });

  it('an application credential cloud, with dashes in keys and the auth_token alias for token', () => {
    const t = tree({
      'clouds.yaml': `clouds:\n  ck:\n    auth-type: v3applicationcredential\n    auth:\n      auth-url: https://k/identity\n      application-credential-id: ac1\n      application_credential_secret: ${SECRET}\n  tok:\n    auth:\n      auth_url: http://k\n      auth_token: ${SECRET}\n`,
    });
    const app = loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], cloud: 'ck', env: {} });
    expect(app.auth).toBeInstanceOf(ApplicationCredentialAuth);
    expect(app.auth.describe()).toBe('application credential auth with credential id ac1');
    const token = loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], cloud: 'tok', env: {} });
    expect(token.auth.describe()).toBe('token auth, no scope');
  });

  it("openstacksdk's shorthand: with a project scope, domain_name is the user's and the project's domain", () => {
    const t = tree({
      'clouds.yaml': `clouds:\n  ck:\n    auth:\n      auth_url: http://k\n      username: ck\n      password: ${SECRET}\n      project_name: service\n      domain_name: Default\n`,
    });
    const loaded = loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], env: {} });
    expect(loaded.auth.describe()).toBe(
      "password auth for user 'ck' in domain 'Default', project 'service' in domain 'Default'",
    );
  });

  it('refuses identity API v2 and vendor profiles, naming the key', () => {
    expect(configError(() => load('    identity_api_version: 2\n')).message).toBe(
      `Invalid Keystone option identity_api_version (${trees.at(-1)?.path('clouds.yaml')}, cloud 'ck', identity_api_version): only the identity API v3 is supported, got "2"`,
    );
    expect(load('    identity_api_version: 3\n').auth).toBeInstanceOf(PasswordAuth);
    const profile = configError(() => load('    profile: vexxhost\n'));
    expect(profile.option).toBe('profile');
    expect(profile.message).toContain('vendor profiles are not supported');
  });

  it('a missing option names the file and cloud; a YAML error gives the line but never the text', () => {
    const t = tree({
      'missing.yaml': `clouds:\n  ck:\n    auth:\n      auth_url: http://k\n      username: ck\n      password: ${SECRET}\n`,
      'broken.yaml': `clouds:\n  ck:\n    auth:\n      password: ${SECRET}\n     username: [\n`,
    });
    const missing = configError(() => loadFromCloudsYaml({ paths: [t.path('missing.yaml')], env: {} }));
    expect(missing.message).toBe(
      `Invalid Keystone option user_domain_name (${t.path('missing.yaml')}, cloud 'ck'): username needs user_domain_name or user_domain_id`,
    );
    const broken = configError(() => loadFromCloudsYaml({ paths: [t.path('broken.yaml')], env: {} }));
    expect(broken.option).toBe('config_file');
    expect(broken.message).toMatch(
      new RegExp(`^${t.path('broken.yaml')}:\\d+: invalid YAML \\(\\w+, column \\d+\\)$`),
    );
    expectNoSecret(SECRET, missing.message, missing, broken.message, broken);
  });

  it('errors carry file, cloud and key; a broken file is a CloudsYamlError with file and line', () => {
    const t = tree({
      'clouds.yaml': `clouds:\n  ck:\n    auth:\n      auth_url: http://k\n      user_id: u\n      password: ${SECRET}\n    api_timeout: soon\n`,
      'broken.yaml': `clouds:\n  ck:\n    auth:\n      password: ${SECRET}\n     username: [\n`,
    });
    expect(configError(() => loadFromCloudsYaml({ paths: [t.path('clouds.yaml')], env: {} }))).toMatchObject({
      option: 'timeout',
      problem: 'expected a number of seconds, got "soon"',
      file: t.path('clouds.yaml'),
      cloud: 'ck',
      key: 'api_timeout',
    });
    const broken = configError(() => loadFromCloudsYaml({ paths: [t.path('broken.yaml')], env: {} }));
    expect(broken).toBeInstanceOf(CloudsYamlError);
    expect(broken).toBeInstanceOf(KeystoneConfigError);
    expect(broken.name).toBe('CloudsYamlError');
    expect(broken.file).toBe(t.path('broken.yaml'));
    expect(broken.line).toEqual(expect.any(Number));
    expect(broken.message).toBe(`${t.path('broken.yaml')}:${broken.line}: ${broken.problem}`);
    expectNoSecret(SECRET, broken);
  });
});
