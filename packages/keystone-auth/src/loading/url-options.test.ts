import { inspect } from 'node:util';
import { parseIni } from '@kitty-collect/oslo-config';
import { afterEach, describe, expect, it } from 'vitest';
import { configError, expectNoSecret } from '../testing/config-errors.js';
import { tempTree } from '../testing/temp-tree.js';
import { loadFromCloudsYaml } from './clouds-yaml.js';
import { loadFromConfSection } from './conf-section.js';
import { loadFromEnvironment } from './environment.js';

const SECRET = 'Url-Secret-0042';

/** issue 11: what operators mistype, a password in the userinfo or in a query string included. */
const BAD_URLS = [
  [`http://cloudkitty:${SECRET}@[bad/v3`, 'http://[bad/v3'],
  [`http://[bad/v3?pw=${SECRET}`, 'http://[bad/v3'],
  [`http://cloudkitty:${SECRET}@[bad/v3?pw=${SECRET}`, 'http://[bad/v3'],
] as const;

function section(option: string, url: string): string {
  return `[ks]\nauth_type = password\nauth_url = ${option === 'auth_url' ? url : 'http://keystone:5000'}\nusername = ck\nuser_domain_name = Default\npassword = pw\nproject_name = service\nproject_domain_name = Default\n${option === 'endpoint_override' ? `endpoint_override = ${url}\n` : ''}`;
}

let trees: Array<ReturnType<typeof tempTree>> = [];
afterEach(() => {
  for (const tree of trees) tree.remove();
  trees = [];
});

describe('URL options never show their userinfo or query string', () => {
  it.each(BAD_URLS)('cloudkitty.conf auth_url %s', (url, shown) => {
    const error = configError(() => loadFromConfSection(parseIni(section('auth_url', url), 'ck.conf'), 'ks'));
    expect(error.option).toBe('auth_url');
    expect(error.problem).toBe(`not a URL: ${JSON.stringify(shown)}`);
    expect(error.message).toBe(
      `Invalid Keystone option auth_url (ck.conf [ks] line 3): not a URL: "${shown}"`,
    );
    expectNoSecret(SECRET, error.message, error, inspect(error, { depth: 10 }));
  });

  it.each(BAD_URLS)('cloudkitty.conf endpoint_override %s', (url, shown) => {
    const error = configError(() =>
      loadFromConfSection(parseIni(section('endpoint_override', url), 'ck.conf'), 'ks'),
    );
    expect(error.option).toBe('endpoint_override');
    expect(error.problem).toBe(`not a URL: ${JSON.stringify(shown)}`);
    expectNoSecret(SECRET, error.message, error);
  });

  it('OS_AUTH_URL and OS_ENDPOINT_OVERRIDE-like variables the same way', () => {
    const error = configError(() =>
      loadFromEnvironment({
        OS_AUTH_URL: `http://cloudkitty:${SECRET}@[bad/v3?pw=${SECRET}`,
        OS_USERNAME: 'ck',
        OS_PASSWORD: 'pw',
        OS_PROJECT_NAME: 'service',
      }),
    );
    expect(error.message).toBe(
      'Invalid Keystone option auth_url (environment variable OS_AUTH_URL): not a URL: "http://[bad/v3"',
    );
    expectNoSecret(SECRET, error);
  });

  it('clouds.yaml auth.auth_url the same way', () => {
    const tree = tempTree({
      'clouds.yaml': `clouds:\n  ck:\n    auth:\n      auth_url: "http://cloudkitty:${SECRET}@[bad/v3?pw=${SECRET}"\n      username: ck\n      user_domain_name: Default\n      password: pw\n      project_name: service\n      project_domain_name: Default\n`,
    });
    trees.push(tree);
    const error = configError(() =>
      loadFromCloudsYaml({ cloud: 'ck', env: { HOME: tree.root }, cwd: tree.root }),
    );
    expect(error.option).toBe('auth_url');
    expect(error.problem).toBe('not a URL: "http://[bad/v3"');
    expectNoSecret(SECRET, error);
  });

  it('a parsable auth_url with a password is refused without showing it', () => {
    for (const url of [
      `http://cloudkitty:${SECRET}@keystone:5000/v3?pw=${SECRET}`,
      // A password starting with digits and holding a / parses as a port and a path: still credentials.
      `http://cloudkitty:1234/${SECRET}@keystone:5000/v3`,
    ]) {
      const error = configError(() => loadFromConfSection(parseIni(section('auth_url', url), 'c'), 'ks'));
      expect(error.problem).toBe('must not carry credentials (user:password@)');
      expectNoSecret(SECRET, error);
    }
  });
});
