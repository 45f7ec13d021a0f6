import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIni } from '@kitty-collect/oslo-config';
import { type RunningKeystone, startKeystone } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../session/session.js';
import { loadFromCloudsYaml } from './clouds-yaml.js';
import { loadFromConfSection } from './conf-section.js';
import { loadFromEnvironment } from './environment.js';
import { loadAuth } from './load-auth.js';
import { loadSessionFromOptions } from './load-from-options.js';

let keystone: RunningKeystone;

beforeAll(async () => {
  keystone = await startKeystone();
});

afterAll(async () => {
  await keystone?.stop();
});

async function projectOf(session: Session): Promise<string | undefined> {
  try {
    return (await session.getAccess()).project?.name;
  } finally {
    await session.close();
  }
}

describe('every loading path authenticates against a real Keystone', () => {
  it('keystoneauth options', async () => {
    const session = loadSessionFromOptions({
      auth_type: 'password',
      'auth-url': keystone.baseUrl,
      username: 'cloudkitty',
      password: keystone.fixtures.users.cloudkitty.password,
      user_domain_name: 'Default',
      project_name: 'service',
      project_domain_name: 'Default',
      timeout: '20',
    });
    expect(await projectOf(session)).toBe('service');
  });

  it('a cloudkitty.conf section with auth_section', async () => {
    const ini = parseIni(
      [
        '[collector_aetos]',
        'auth_section = keystone_authtoken',
        'interface = internal',
        'region_name = RegionOne',
        '',
        '[keystone_authtoken]',
        'auth_type = password',
        `auth_url = ${keystone.authUrl}`,
        'username = cloudkitty',
        `password = ${keystone.fixtures.users.cloudkitty.password}`,
        'user_domain_name = Default',
        'project_name = rated-a',
        'project_domain_name = Default',
      ].join('\n'),
      'cloudkitty.conf',
    );
    const loaded = loadFromConfSection(ini, 'collector_aetos');
    expect(loaded.adapterOptions).toMatchObject({ interface: 'internal', regionName: 'RegionOne' });
    const session = new Session({ auth: loaded.auth, ...loaded.sessionOptions });
    expect(await projectOf(session)).toBe('rated-a');
  });

  it('clouds.yaml with secure.yaml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-clouds-'));
    await writeFile(
      join(dir, 'clouds.yaml'),
      `clouds:\n  ck:\n    auth:\n      auth_url: ${keystone.authUrl}\n      username: cloudkitty\n      user_domain_name: Default\n      project_name: rated-b\n      project_domain_name: Default\n    region_name: RegionOne\n`,
    );
    await writeFile(
      join(dir, 'secure.yaml'),
      `clouds:\n  ck:\n    auth:\n      password: ${keystone.fixtures.users.cloudkitty.password}\n`,
    );
    const loaded = loadFromCloudsYaml({
      cloud: 'ck',
      paths: [join(dir, 'clouds.yaml')],
      securePaths: [join(dir, 'secure.yaml')],
      env: {},
    });
    expect(await projectOf(new Session({ auth: loaded.auth, ...loaded.sessionOptions }))).toBe('rated-b');
  });

  it('OS_* variables, and loadAuth preferring them over clouds.yaml', async () => {
    const env = {
      OS_AUTH_URL: keystone.authUrl,
      OS_USERNAME: 'cloudkitty',
      OS_PASSWORD: keystone.fixtures.users.cloudkitty.password,
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_NAME: 'service',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    };
    const fromEnv = loadFromEnvironment(env);
    expect(await projectOf(new Session({ auth: fromEnv.auth, ...fromEnv.sessionOptions }))).toBe('service');

    const credential = keystone.fixtures.applicationCredential;
    const combined = loadAuth({
      env: {
        OS_APPLICATION_CREDENTIAL_ID: credential.id,
        OS_APPLICATION_CREDENTIAL_SECRET: credential.secret,
        OS_AUTH_URL: keystone.authUrl,
      },
      options: { auth_type: 'v3applicationcredential' },
    });
    expect(combined.sources.application_credential_secret).toBe(
      'environment variable OS_APPLICATION_CREDENTIAL_SECRET',
    );
    expect(await projectOf(new Session({ auth: combined.auth }))).toBe('service');
  });
});
