import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { ApplicationCredentialAuth } from './application-credential.js';
import { normalizeAuthUrl } from './auth-url.js';
import { PasswordAuth } from './password.js';
import { TokenAuth } from './token.js';

const authUrl = 'http://127.0.0.1:5000';
const SECRET = 's3cr3t-value';

function configError(run: () => unknown): KeystoneConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof KeystoneConfigError) return error;
    throw error;
  }
  throw new Error('expected a KeystoneConfigError');
}

describe('normalizeAuthUrl', () => {
  it.each([
    ['http://k:5000', 'http://k:5000/v3'],
    ['http://k:5000/', 'http://k:5000/v3'],
    ['http://k:5000/v3', 'http://k:5000/v3'],
    ['http://k:5000/v3/', 'http://k:5000/v3'],
    ['https://cloud/identity', 'https://cloud/identity/v3'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAuthUrl(input)).toBe(expected);
  });

  it('refuses v2, non-http and broken URLs, naming auth_url', () => {
    expect(configError(() => normalizeAuthUrl('http://k:5000/v2.0')).message).toBe(
      'Invalid Keystone option auth_url: identity v2 is not supported: use the v3 endpoint',
    );
    expect(configError(() => normalizeAuthUrl('ftp://k')).option).toBe('auth_url');
    expect(configError(() => normalizeAuthUrl('not a url')).message).toContain('not a URL');
  });
});

describe('PasswordAuth', () => {
  it('sends the user by name and domain, scoped to a project by name', () => {
    const auth = new PasswordAuth({
      authUrl,
      username: 'cloudkitty',
      userDomainName: 'Default',
      password: SECRET,
      projectName: 'service',
      projectDomainName: 'Default',
    });
    expect(auth.authUrl).toBe('http://127.0.0.1:5000/v3');
    expect(auth.tokenRequestBody()).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'cloudkitty', domain: { name: 'Default' }, password: SECRET } },
        },
        scope: { project: { name: 'service', domain: { name: 'Default' } } },
      },
    });
    expect(auth.describe()).toBe(
      "password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default'",
    );
  });

  it.each([
    [{ projectId: 'p1' }, { project: { id: 'p1' } }],
    [{ projectName: 'x', projectDomainId: 'default' }, { project: { name: 'x', domain: { id: 'default' } } }],
    [{ domainName: 'Default' }, { domain: { name: 'Default' } }],
    [{ domainId: 'default' }, { domain: { id: 'default' } }],
    [{ systemScope: 'all' }, { system: { all: true } }],
    [{}, undefined],
  ])('scopes %j', (scope, expected) => {
    const body = new PasswordAuth({ authUrl, userId: 'u1', password: SECRET, ...scope }).tokenRequestBody();
    expect(body.auth.scope).toEqual(expected);
    expect(body.auth.identity.password).toEqual({ user: { id: 'u1', password: SECRET } });
  });

  it.each([
    [
      { username: 'u', password: 'p' },
      'user_domain_name',
      'username needs user_domain_name or user_domain_id',
    ],
    [{ password: 'p' }, 'username', 'username or user_id is required'],
    [{ userId: 'u', username: 'u', password: 'p' }, 'user_id', 'give user_id or username, not both'],
    [{ userId: 'u' }, 'password', 'is required'],
    [{ userId: 'u', password: 'p', projectName: 'x' }, 'project_domain_name', 'project_name needs'],
    [{ userId: 'u', password: 'p', projectId: 'x', domainId: 'd' }, 'project_name', 'choose one scope'],
    [{ userId: 'u', password: 'p', systemScope: 'some' }, 'system_scope', 'only "all" is supported'],
    [{ userId: 'u', password: 'p', tenant: 'x' }, 'options', 'unknown option(s) tenant'],
  ])('refuses %j naming %s', (options, option, message) => {
    const error = configError(() => new PasswordAuth({ authUrl, ...(options as { password: string }) }));
    expect(error.option).toBe(option);
    expect(error.message).toContain(message);
  });

  it('never shows the password in inspect, JSON or toString', () => {
    const auth = new PasswordAuth({ authUrl, userId: 'u1', password: SECRET, projectId: 'p' });
    expect(inspect(auth)).not.toContain(SECRET);
    expect(JSON.stringify(auth)).not.toContain(SECRET);
    expect(String(auth)).toBe(
      'PasswordAuth(password auth for user id u1, project id p at http://127.0.0.1:5000/v3)',
    );
  });
});

describe('ApplicationCredentialAuth', () => {
  it('by id', () => {
    const auth = new ApplicationCredentialAuth({
      authUrl,
      applicationCredentialId: 'ac1',
      applicationCredentialSecret: SECRET,
    });
    expect(auth.tokenRequestBody()).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: 'ac1', secret: SECRET },
        },
      },
    });
    expect(auth.describe()).toBe('application credential auth with credential id ac1');
    expect(inspect(auth)).not.toContain(SECRET);
  });

  it('by name with its user', () => {
    const auth = new ApplicationCredentialAuth({
      authUrl,
      applicationCredentialName: 'rating',
      applicationCredentialSecret: SECRET,
      username: 'cloudkitty',
      userDomainName: 'Default',
    });
    expect(auth.tokenRequestBody().auth.identity.application_credential).toEqual({
      name: 'rating',
      user: { name: 'cloudkitty', domain: { name: 'Default' } },
      secret: SECRET,
    });
  });

  it('needs an id, or a name and a user', () => {
    expect(
      configError(() => new ApplicationCredentialAuth({ authUrl, applicationCredentialSecret: SECRET }))
        .option,
    ).toBe('application_credential_id');
    expect(
      configError(
        () =>
          new ApplicationCredentialAuth({
            authUrl,
            applicationCredentialName: 'n',
            applicationCredentialSecret: SECRET,
          }),
      ).option,
    ).toBe('username');
    const error = configError(
      () =>
        new ApplicationCredentialAuth({
          authUrl,
          applicationCredentialId: 'x',
          applicationCredentialSecret: '',
        }),
    );
    expect(error.option).toBe('application_credential_secret');
  });
});

describe('TokenAuth', () => {
  it('sends the token and an optional new scope', () => {
    expect(new TokenAuth({ authUrl, token: SECRET, projectId: 'p' }).tokenRequestBody()).toEqual({
      auth: { identity: { methods: ['token'], token: { id: SECRET } }, scope: { project: { id: 'p' } } },
    });
    expect(new TokenAuth({ authUrl, token: SECRET }).tokenRequestBody().auth.scope).toBeUndefined();
    expect(inspect(new TokenAuth({ authUrl, token: SECRET }))).not.toContain(SECRET);
  });
});
