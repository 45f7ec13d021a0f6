import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import { PasswordAuth } from '../identity/password.js';
import { TokenAuth } from '../identity/token.js';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import { loadFromEnvironment } from './environment.js';

const SECRET = 'env-S3cret-pw';

const openrc = {
  OS_AUTH_URL: 'http://keystone:5000/v3',
  OS_IDENTITY_API_VERSION: '3',
  OS_USERNAME: 'cloudkitty',
  OS_PASSWORD: SECRET,
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_NAME: 'service',
  OS_PROJECT_DOMAIN_ID: 'default',
  OS_REGION_NAME: 'RegionOne',
  OS_INTERFACE: 'internal',
};

describe('loadFromEnvironment', () => {
  it('reads an openrc: plugin, session and adapter options, each sourced by its variable', () => {
    const loaded = loadFromEnvironment({
      ...openrc,
      OS_CACERT: '/etc/ssl/ca.pem',
      OS_INSECURE: 'false',
      OS_TIMEOUT: '20',
      PATH: '/bin',
    });
    expect(loaded.auth).toBeInstanceOf(PasswordAuth);
    expect(loaded.auth.authUrl).toBe('http://keystone:5000/v3');
    expect(loaded.auth.describe()).toBe(
      "password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain id default",
    );
    expect(JSON.stringify(loaded.auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'cloudkitty', domain: { name: 'Default' }, password: SECRET } },
          },
          scope: { project: { name: 'service', domain: { id: 'default' } } },
        },
      }),
    );
    expect(loaded.sessionOptions).toEqual({ caFile: '/etc/ssl/ca.pem', insecure: false, timeout: 20 });
    expect(loaded.adapterOptions).toEqual({ interface: 'internal', regionName: 'RegionOne' });
    expect(loaded.sources.auth_url).toBe('environment variable OS_AUTH_URL');
    expect(loaded.sources.password).toBe('environment variable OS_PASSWORD');
    expectNoSecret(
      SECRET,
      inspect(loaded.auth),
      JSON.stringify(loaded.sources),
      inspect(loaded.sessionOptions),
    );
  });

  it('application credentials and tokens, inferred or named by OS_AUTH_TYPE', () => {
    const app = loadFromEnvironment({
      OS_AUTH_URL: 'http://k',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_NAME: 'collector',
      OS_APPLICATION_CREDENTIAL_SECRET: SECRET,
      OS_USER_ID: 'u1',
    });
    expect(app.auth).toBeInstanceOf(ApplicationCredentialAuth);
    expect(app.auth.describe()).toBe("application credential auth with credential 'collector' of user id u1");
    const token = loadFromEnvironment({ OS_AUTH_URL: 'http://k', OS_TOKEN: SECRET, OS_PROJECT_ID: 'p' });
    expect(token.auth).toBeInstanceOf(TokenAuth);
    expect(token.auth.describe()).toBe('token auth, project id p');
  });

  it('legacy names: OS_TENANT_NAME, OS_ENDPOINT_TYPE, OS_DEFAULT_DOMAIN (a domain id), OS_API_TIMEOUT', () => {
    const loaded = loadFromEnvironment({
      OS_AUTH_URL: 'http://k',
      OS_USERNAME: 'ck',
      OS_PASSWORD: SECRET,
      OS_TENANT_NAME: 'service',
      OS_DEFAULT_DOMAIN: 'default',
      OS_ENDPOINT_TYPE: 'publicURL',
      OS_API_TIMEOUT: '9',
    });
    expect(loaded.auth.describe()).toBe(
      "password auth for user 'ck' in domain id default, project 'service' in domain id default",
    );
    expect(loaded.adapterOptions).toEqual({ interface: 'public' });
    expect(loaded.sessionOptions).toEqual({ timeout: 9 });
    expect(loaded.sources.project_name).toBe('environment variable OS_TENANT_NAME');
  });

  it('errors name the variable: a missing one, a bad value, a contradiction — never the secret', () => {
    const { OS_AUTH_URL: _, ...noUrl } = openrc;
    expect(configError(() => loadFromEnvironment(noUrl)).message).toBe(
      'Invalid Keystone option auth_url (environment variable OS_AUTH_URL): is required',
    );
    const { OS_USER_DOMAIN_NAME: __, ...noDomain } = openrc;
    const missingDomain = configError(() => loadFromEnvironment(noDomain));
    expect(missingDomain.source).toBe('environment variable OS_USER_DOMAIN_NAME');
    expect(configError(() => loadFromEnvironment({ ...openrc, OS_INSECURE: 'sometimes' })).message).toBe(
      'Invalid Keystone option insecure (environment variable OS_INSECURE): expected true or false (also yes/no, on/off, 1/0), got "sometimes"',
    );
    const both = configError(() => loadFromEnvironment({ ...openrc, OS_TENANT_NAME: 'other' }));
    expect(both.message).toBe(
      'Invalid Keystone option project_name (environment variables OS_PROJECT_NAME and OS_TENANT_NAME): OS_PROJECT_NAME and OS_TENANT_NAME are both set, with different values',
    );
    expect(loadFromEnvironment({ ...openrc, OS_TENANT_NAME: 'service' }).auth.describe()).toContain(
      "project 'service'",
    );
    for (const error of [missingDomain, both]) expectNoSecret(SECRET, error.message, error);
  });

  it('OS_IDENTITY_API_VERSION other than 3 is an error', () => {
    const error = configError(() => loadFromEnvironment({ ...openrc, OS_IDENTITY_API_VERSION: '2.0' }));
    expect(error.option).toBe('identity_api_version');
    expect(error.message).toBe(
      'Invalid Keystone option identity_api_version (environment variable OS_IDENTITY_API_VERSION): only the identity API v3 is supported, got "2.0"',
    );
  });

  it('OS_DOMAIN_NAME with a project is the user and project domain (openstacksdk), alone it is a domain scope', () => {
    const { OS_USER_DOMAIN_NAME: _, OS_PROJECT_DOMAIN_ID: __, ...rest } = openrc;
    const shorthand = loadFromEnvironment({ ...rest, OS_DOMAIN_NAME: 'Default' });
    expect(shorthand.auth.describe()).toBe(
      "password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default'",
    );
    expect(shorthand.sources.user_domain_name).toBe(
      'environment variable OS_DOMAIN_NAME (as user_domain_name)',
    );
    const { OS_PROJECT_NAME: ___, ...noProject } = openrc;
    const domainScoped = loadFromEnvironment({ ...noProject, OS_DOMAIN_ID: 'd1' });
    expect(domainScoped.auth.describe()).toBe(
      "password auth for user 'cloudkitty' in domain 'Default', domain id d1",
    );
  });

  it('errors carry the variable and the bare problem as fields', () => {
    const error = configError(() => loadFromEnvironment({ ...openrc, OS_TIMEOUT: 'soon' }));
    expect(error).toMatchObject({
      name: 'KeystoneConfigError',
      option: 'timeout',
      problem: 'expected a number of seconds, got "soon"',
      source: 'environment variable OS_TIMEOUT',
      variable: 'OS_TIMEOUT',
    });
    expect(error.file).toBeUndefined();
    const { OS_PASSWORD: _, ...noPassword } = openrc;
    expect(configError(() => loadFromEnvironment(noPassword))).toMatchObject({
      option: 'password',
      problem: 'is required',
      variable: 'OS_PASSWORD',
    });
  });
});
