import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PasswordAuth } from '../identity/password.js';
import { TokenAuth } from '../identity/token.js';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import { tempTree } from '../testing/temp-tree.js';
import { loadAuth } from './load-auth.js';

const CLOUD_SECRET = 'cloud-Secret-1';
const ENV_SECRET = 'env-Secret-2';

const CLOUDS = `clouds:
  ck:
    auth:
      auth_url: http://cloud-keystone:5000
      username: from-cloud
      user_domain_name: CloudDomain
      password: ${CLOUD_SECRET}
      project_name: cloud-project
      project_domain_name: CloudDomain
    regions:
      - RegionOne
      - name: RegionTwo
        values:
          interface: admin
    interface: internal
    api_timeout: 60
    cacert: /cloud-ca.pem
`;

let tree: ReturnType<typeof tempTree> | undefined;
afterEach(() => tree?.remove());

function setup() {
  tree = tempTree({ 'clouds.yaml': CLOUDS });
  return [tree.path('clouds.yaml')];
}

describe('loadAuth', () => {
  it('explicit options > OS_* variables > clouds.yaml, option by option, with the source of each', () => {
    const cloudsYamlPaths = setup();
    const loaded = loadAuth({
      options: { username: 'from-options', timeout: '5' },
      optionsSource: 'command line',
      env: {
        OS_CLOUD: 'ck',
        OS_PASSWORD: ENV_SECRET,
        OS_USER_DOMAIN_NAME: 'EnvDomain',
        OS_INTERFACE: 'public',
      },
      cloudsYamlPaths,
    });
    expect(loaded.auth).toBeInstanceOf(PasswordAuth);
    expect(loaded.auth.authUrl).toBe('http://cloud-keystone:5000/v3');
    expect(loaded.auth.describe()).toBe(
      "password auth for user 'from-options' in domain 'EnvDomain', project 'cloud-project' in domain 'CloudDomain'",
    );
    expect(JSON.stringify(loaded.auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'from-options', domain: { name: 'EnvDomain' }, password: ENV_SECRET } },
          },
          scope: { project: { name: 'cloud-project', domain: { name: 'CloudDomain' } } },
        },
      }),
    );
    expect(loaded.sessionOptions).toEqual({ caFile: '/cloud-ca.pem', timeout: 5 });
    expect(loaded.adapterOptions).toEqual({ interface: 'public', regionName: 'RegionOne' });
    const file = cloudsYamlPaths[0];
    expect(loaded.sources).toEqual({
      username: 'command line',
      timeout: 'command line',
      password: 'environment variable OS_PASSWORD',
      user_domain_name: 'environment variable OS_USER_DOMAIN_NAME',
      interface: 'environment variable OS_INTERFACE',
      auth_url: `${file}, cloud 'ck', auth.auth_url`,
      project_name: `${file}, cloud 'ck', auth.project_name`,
      project_domain_name: `${file}, cloud 'ck', auth.project_domain_name`,
      cafile: `${file}, cloud 'ck', cacert`,
      region_name: `${file}, cloud 'ck', regions[0]`,
    });
    expectNoSecret(
      ENV_SECRET,
      inspect(loaded.auth),
      JSON.stringify(loaded.sources),
      inspect(loaded.sessionOptions),
    );
    expectNoSecret(CLOUD_SECRET, JSON.stringify(loaded.sources), inspect(loaded));
  });

  it('an explicit or OS_REGION_NAME region picks the cloud region and its values', () => {
    const cloudsYamlPaths = setup();
    const loaded = loadAuth({ env: { OS_REGION_NAME: 'RegionTwo' }, cloud: 'ck', cloudsYamlPaths });
    expect(loaded.adapterOptions).toEqual({ interface: 'admin', regionName: 'RegionTwo' });
    expect(loaded.sources.region_name).toBe('environment variable OS_REGION_NAME');
    const error = configError(() =>
      loadAuth({ options: { region_name: 'RegionNine' }, env: {}, cloud: 'ck', cloudsYamlPaths }),
    );
    expect(error.option).toBe('region_name');
  });

  it('clouds.yaml is read only when cloud or OS_CLOUD names a cloud', () => {
    const cloudsYamlPaths = setup();
    const error = configError(() => loadAuth({ env: { OS_USERNAME: 'x' }, cloudsYamlPaths }));
    expect(error.message).toBe(
      'Invalid Keystone option auth_url (environment variable OS_AUTH_URL): is required',
    );
  });

  it('without clouds.yaml: options over the environment; a token in the options makes a token plugin', () => {
    const loaded = loadAuth({
      options: { token: ENV_SECRET, project_id: 'p1' },
      env: { OS_AUTH_URL: 'http://k:5000', OS_USERNAME: 'u', OS_PASSWORD: 'pw' },
    });
    expect(loaded.auth).toBeInstanceOf(TokenAuth);
    expect(loaded.auth.describe()).toBe('token auth, project id p1');
  });

  it('a missing option lists every place it was looked for', () => {
    const cloudsYamlPaths = setup();
    const error = configError(() =>
      loadAuth({ options: { auth_type: 'token' }, env: {}, cloud: 'ck', cloudsYamlPaths }),
    );
    expect(error.message).toBe(
      `Invalid Keystone option token (options; environment variable OS_TOKEN; ${cloudsYamlPaths[0]}, cloud 'ck'): is required`,
    );
    expectNoSecret(CLOUD_SECRET, error.message, error);
  });

  it('the domain shorthand applies to OS_*/clouds.yaml values judged on the merged options, not to explicit ones', () => {
    const fromEnv = loadAuth({
      options: { auth_url: 'http://k', username: 'u', password: 'pw', project_name: 'p' },
      env: { OS_DOMAIN_ID: 'dom' },
    });
    expect(fromEnv.auth.describe()).toBe(
      "password auth for user 'u' in domain id dom, project 'p' in domain id dom",
    );
    const explicit = configError(() =>
      loadAuth({
        options: { auth_url: 'http://k', user_id: 'u', password: 'pw', project_id: 'p', domain_id: 'dom' },
        env: {},
      }),
    );
    expect(explicit.message).toContain('choose one scope');
  });
});
