import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import { PasswordAuth } from '../identity/password.js';
import { TokenAuth } from '../identity/token.js';
import { Session } from '../session/session.js';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import {
  loadAdapterOptionsFromOptions,
  loadAuthFromOptions,
  loadSessionFromOptions,
  loadSessionOptionsFromOptions,
} from './load-from-options.js';

const SECRET = 'Sup3r-s3cret-Value';
const base = { auth_url: 'http://keystone:5000', username: 'cloudkitty', user_domain_name: 'Default' };

describe('loadAuthFromOptions', () => {
  it.each(['password', 'v3password'])('auth_type %s builds PasswordAuth scoped to a project', (authType) => {
    const auth = loadAuthFromOptions({
      auth_type: authType,
      ...base,
      password: SECRET,
      project_name: 'service',
      project_domain_name: 'Default',
    });
    expect(auth).toBeInstanceOf(PasswordAuth);
    expect(auth.authUrl).toBe('http://keystone:5000/v3');
    expect(auth.describe()).toBe(
      "password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default'",
    );
    expect(JSON.stringify(auth.tokenRequestBody())).toBe(
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
    expectNoSecret(SECRET, inspect(auth), String(auth), JSON.stringify(auth));
  });

  it('auth_type v3applicationcredential builds ApplicationCredentialAuth by id', () => {
    const auth = loadAuthFromOptions({
      auth_type: 'v3applicationcredential',
      auth_url: 'https://cloud/identity',
      application_credential_id: 'ac-1',
      application_credential_secret: SECRET,
    });
    expect(auth).toBeInstanceOf(ApplicationCredentialAuth);
    expect(auth.authUrl).toBe('https://cloud/identity/v3');
    expect(auth.describe()).toBe('application credential auth with credential id ac-1');
    expect(JSON.stringify(auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: { id: 'ac-1', secret: SECRET },
          },
        },
      }),
    );
  });

  it.each(['token', 'v3token'])('auth_type %s builds TokenAuth, optionally rescoped', (authType) => {
    const auth = loadAuthFromOptions({
      auth_type: authType,
      auth_url: 'http://k:5000/v3',
      token: SECRET,
      project_id: 'p1',
    });
    expect(auth).toBeInstanceOf(TokenAuth);
    expect(auth.describe()).toBe('token auth, project id p1');
    expect(JSON.stringify(auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: { identity: { methods: ['token'], token: { id: SECRET } }, scope: { project: { id: 'p1' } } },
      }),
    );
    expectNoSecret(SECRET, inspect(auth));
  });

  it('infers the plugin when auth_type is absent: credential secret, token, else password', () => {
    expect(
      loadAuthFromOptions({
        auth_url: 'http://k',
        application_credential_id: 'a',
        application_credential_secret: SECRET,
      }),
    ).toBeInstanceOf(ApplicationCredentialAuth);
    expect(loadAuthFromOptions({ auth_url: 'http://k', token: SECRET })).toBeInstanceOf(TokenAuth);
    expect(loadAuthFromOptions({ ...base, password: SECRET })).toBeInstanceOf(PasswordAuth);
  });

  it('accepts dashes for underscores, and auth_plugin as the old name of auth_type', () => {
    const auth = loadAuthFromOptions({
      'auth-plugin': 'password',
      'auth-url': 'http://k:5000',
      'user-id': 'u1',
      password: SECRET,
      'project-id': 'p1',
    });
    expect(auth.describe()).toBe('password auth for user id u1, project id p1');
  });

  it('reads keystoneauth aliases: tenant_name, tenant_id, user_name', () => {
    const byName = loadAuthFromOptions({
      auth_url: 'http://k',
      user_name: 'cloudkitty',
      user_domain_id: 'default',
      password: SECRET,
      tenant_name: 'service',
      project_domain_id: 'default',
    });
    expect(byName.describe()).toBe(
      "password auth for user 'cloudkitty' in domain id default, project 'service' in domain id default",
    );
    const byId = loadAuthFromOptions({
      auth_url: 'http://k',
      user_id: 'u',
      password: SECRET,
      tenant_id: 'p9',
    });
    expect(byId.describe()).toBe('password auth for user id u, project id p9');
  });

  it('an option and its alias with different values is a contradiction; equal values are fine', () => {
    const error = configError(() =>
      loadAuthFromOptions({
        ...base,
        password: SECRET,
        project_name: 'a',
        tenant_name: 'b',
        project_domain_id: 'd',
      }),
    );
    expect(error.option).toBe('project_name');
    expect(error.message).toBe(
      'Invalid Keystone option project_name (options, as tenant_name): given twice with different values, as project_name and tenant_name',
    );
    expect(
      loadAuthFromOptions({ ...base, password: SECRET, project_id: 'p', 'project-id': 'p' }).describe(),
    ).toContain('project id p');
  });

  it('default_domain_id / default_domain_name fill the user and project domains that are missing', () => {
    const auth = loadAuthFromOptions({
      auth_url: 'http://k',
      username: 'cloudkitty',
      password: SECRET,
      project_name: 'service',
      default_domain_id: 'default',
    });
    expect(JSON.stringify(auth.tokenRequestBody())).toBe(
      JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'cloudkitty', domain: { id: 'default' }, password: SECRET } },
          },
          scope: { project: { name: 'service', domain: { id: 'default' } } },
        },
      }),
    );
    const byName = loadAuthFromOptions({
      auth_url: 'http://k',
      username: 'ck',
      user_domain_name: 'Users',
      password: SECRET,
      project_name: 'service',
      default_domain_name: 'Default',
    });
    expect(byName.describe()).toBe(
      "password auth for user 'ck' in domain 'Users', project 'service' in domain 'Default'",
    );
  });

  it('ignores session, adapter and unknown keys (a conf section holds other options too)', () => {
    const auth = loadAuthFromOptions({
      ...base,
      password: SECRET,
      system_scope: 'all',
      insecure: 'true',
      region_name: 'RegionOne',
      prometheus_url: 'http://p:9090',
      constructor: 'x',
    });
    expect(auth.describe()).toBe("password auth for user 'cloudkitty' in domain 'Default', system scope all");
  });

  it('names the missing option and the source, never the secret', () => {
    const noDomain = configError(() =>
      loadAuthFromOptions(
        { auth_url: 'http://k', username: 'ck', password: SECRET },
        { source: 'my.conf [auth]' },
      ),
    );
    expect(noDomain.option).toBe('user_domain_name');
    expect(noDomain.source).toBe('my.conf [auth]');
    expect(noDomain.message).toBe(
      'Invalid Keystone option user_domain_name (my.conf [auth]): username needs user_domain_name or user_domain_id',
    );
    const noUrl = configError(() => loadAuthFromOptions({ username: 'ck', password: SECRET }));
    expect(noUrl.message).toBe('Invalid Keystone option auth_url (options): is required');
    const noPassword = configError(() => loadAuthFromOptions({ ...base }));
    expect(noPassword.option).toBe('password');
    const noSecret = configError(() =>
      loadAuthFromOptions({
        auth_type: 'v3applicationcredential',
        auth_url: 'http://k',
        application_credential_id: 'a',
      }),
    );
    expect(noSecret.option).toBe('application_credential_secret');
    for (const error of [noDomain, noUrl, noPassword, noSecret]) expectNoSecret(SECRET, error.message, error);
  });

  it('refuses an unknown auth_type, a scope with an application credential, trusts, non-text values', () => {
    expect(configError(() => loadAuthFromOptions({ ...base, auth_type: 'v3oidcpassword' })).message).toBe(
      'Invalid Keystone option auth_type (options): unsupported auth type "v3oidcpassword": use one of password, v3password, v3applicationcredential, token, v3token',
    );
    const scoped = configError(() =>
      loadAuthFromOptions({
        auth_url: 'http://k',
        application_credential_id: 'a',
        application_credential_secret: SECRET,
        project_name: 'x',
      }),
    );
    expect(scoped.option).toBe('project_name');
    expect(scoped.message).toContain('Keystone refuses a scope');
    expect(configError(() => loadAuthFromOptions({ ...base, password: SECRET, trust_id: 't' })).option).toBe(
      'trust_id',
    );
    const boolPassword = configError(() => loadAuthFromOptions({ ...base, password: true }));
    expect(boolPassword.message).toBe(
      'Invalid Keystone option password (options): expected text, got a boolean (quote it in YAML)',
    );
  });

  it('contradictory scope and user options are named with their source', () => {
    const twoScopes = configError(() =>
      loadAuthFromOptions(
        { ...base, password: SECRET, project_id: 'p', domain_id: 'd' },
        { source: 'x.conf [a]' },
      ),
    );
    expect(twoScopes.message).toBe(
      'Invalid Keystone option project_name (x.conf [a]): choose one scope, not several (project, domain)',
    );
    const twoUsers = configError(() => loadAuthFromOptions({ ...base, user_id: 'u', password: SECRET }));
    expect(twoUsers.option).toBe('user_id');
  });

  it('project_id and project_name together: project_id wins, as in keystoneauth', () => {
    const auth = loadAuthFromOptions({ ...base, password: SECRET, project_id: 'p1', project_name: 'other' });
    expect(auth.describe()).toContain('project id p1');
  });
});

describe('loadSessionOptionsFromOptions', () => {
  it('maps cafile, certfile, keyfile, insecure, timeout from INI strings', () => {
    expect(
      loadSessionOptionsFromOptions({
        cafile: '/etc/ssl/ca.pem',
        certfile: '/c.pem',
        keyfile: '/k.pem',
        insecure: 'True',
        timeout: '30',
        username: 'ignored',
      }),
    ).toEqual({
      caFile: '/etc/ssl/ca.pem',
      certFile: '/c.pem',
      keyFile: '/k.pem',
      insecure: true,
      timeout: 30,
    });
    expect(loadSessionOptionsFromOptions({ insecure: 'no', timeout: 2.5 })).toEqual({
      insecure: false,
      timeout: 2.5,
    });
    for (const word of ['yes', '1', 'on', 'TRUE'])
      expect(loadSessionOptionsFromOptions({ insecure: word }).insecure).toBe(true);
  });

  it('names a bad value', () => {
    expect(
      configError(() => loadSessionOptionsFromOptions({ insecure: 'maybe' }, { source: 'c.conf [s]' }))
        .message,
    ).toBe(
      'Invalid Keystone option insecure (c.conf [s]): expected true or false (also yes/no, on/off, 1/0), got "maybe"',
    );
    expect(configError(() => loadSessionOptionsFromOptions({ timeout: '-1' })).option).toBe('timeout');
    expect(configError(() => loadSessionOptionsFromOptions({ timeout: 'soon' })).option).toBe('timeout');
  });
});

describe('loadAdapterOptionsFromOptions', () => {
  it('maps interface, region, service and endpoint override', () => {
    expect(
      loadAdapterOptionsFromOptions({
        interface: 'internalURL',
        region_name: 'RegionOne',
        service_type: 'metric-storage',
        service_name: 'aetos',
        endpoint_override: 'http://aetos:8080',
      }),
    ).toEqual({
      interface: 'internal',
      regionName: 'RegionOne',
      serviceType: 'metric-storage',
      serviceName: 'aetos',
      endpointOverride: 'http://aetos:8080',
    });
  });

  it('valid_interfaces is a comma-separated list in order of preference; it excludes interface', () => {
    expect(loadAdapterOptionsFromOptions({ valid_interfaces: 'internal, public' })).toEqual({
      interface: ['internal', 'public'],
    });
    expect(loadAdapterOptionsFromOptions({ 'valid-interfaces': ['admin'] })).toEqual({ interface: 'admin' });
    expect(
      configError(() => loadAdapterOptionsFromOptions({ interface: 'public', valid_interfaces: 'internal' }))
        .option,
    ).toBe('valid_interfaces');
    expect(
      configError(() => loadAdapterOptionsFromOptions({ valid_interfaces: 'public,private' })).message,
    ).toBe(
      'Invalid Keystone option valid_interfaces (options): expected public, internal or admin, got "private"',
    );
    expect(configError(() => loadAdapterOptionsFromOptions({ endpoint_override: 'not a url' })).option).toBe(
      'endpoint_override',
    );
  });
});

describe('loadSessionFromOptions', () => {
  it('builds a Session from one record, extra options winning', async () => {
    const session = loadSessionFromOptions(
      { ...base, password: SECRET, timeout: '5', insecure: 'false' },
      { timeout: 7 },
    );
    try {
      expect(session).toBeInstanceOf(Session);
      expect(session.auth).toBeInstanceOf(PasswordAuth);
      expectNoSecret(SECRET, inspect(session));
    } finally {
      await session.close();
    }
  });

  it("the session's own checks name the keystoneauth option and the source", () => {
    const error = configError(() =>
      loadSessionFromOptions(
        { ...base, password: SECRET, keyfile: '/k.pem' },
        {},
        { source: 'ck.conf [collector_aetos]' },
      ),
    );
    expect(error.option).toBe('keyfile');
    expect(error.source).toBe('ck.conf [collector_aetos]');
    const unreadable = configError(() =>
      loadSessionFromOptions({ ...base, password: SECRET, cafile: '/nonexistent/ca.pem' }),
    );
    expect(unreadable.option).toBe('cafile');
    expect(unreadable.message).toContain('/nonexistent/ca.pem');
  });

  it('a re-sourced error keeps the problem as it was, as a field', () => {
    const error = configError(() =>
      loadSessionFromOptions({ ...base, password: SECRET, keyfile: '/k.pem' }, {}, { source: 'ck.conf [s]' }),
    );
    expect(error.problem).toBe('a client key needs its certificate (certfile)');
    expect(error.message).toBe(`Invalid Keystone option keyfile (ck.conf [s]): ${error.problem}`);
    expect(error.cause).toBeInstanceOf(KeystoneConfigError);
  });
});
