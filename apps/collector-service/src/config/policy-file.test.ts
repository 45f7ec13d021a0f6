import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyCredentials } from '../policy/index.js';
import { loadServiceConfig } from './load-service-config.js';
import { confDir, METRICS_YML, problemsOf, SOURCE_CONF } from './testing/conf-dir.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function setUp(oslo: string, extra: Record<string, string> = {}) {
  const dir = confDir({ 'cloudkitty.conf': `${SOURCE_CONF}\n${oslo}`, 'metrics.yml': METRICS_YML, ...extra });
  dirs.push(dir);
  return dir;
}

const load = (dir: ReturnType<typeof setUp>, env: NodeJS.ProcessEnv = {}) =>
  loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env });
const READER: PolicyCredentials = { roles: ['reader'], project_id: 'p', is_admin: false };

describe('[oslo_policy] policy_file', () => {
  it("without the option and without oslo's default policy.yaml: CloudKitty's defaults", async () => {
    const config = await load(setUp(''));
    expect(config.policy.file).toBeUndefined();
    expect(config.policy.enforce('dataframes:get', { project_id: 'p' }, READER).allowed).toBe(true);
  });

  it("oslo's default policy.yaml next to cloudkitty.conf is read", async () => {
    const dir = setUp('', { 'policy.yaml': '"dataframes:get": "!"\n' });
    const config = await load(dir);
    expect(config.policy.file).toBe(dir.path('policy.yaml'));
    expect(config.policy.enforce('dataframes:get', { project_id: 'p' }, READER).allowed).toBe(false);
  });

  it('a relative path is resolved against the directory of cloudkitty.conf', async () => {
    const dir = setUp('[oslo_policy]\npolicy_file = custom.json\n', {
      'custom.json': '{"scope:get_state": "@"}',
    });
    const config = await load(dir);
    expect(config.policy.file).toBe(dir.path('custom.json'));
    expect(config.policy.enforce('scope:get_state', {}, READER).allowed).toBe(true);
  });

  it('a named file that does not exist is a problem of the option', async () => {
    const dir = setUp('[oslo_policy]\npolicy_file = missing.yaml\n');
    const problems = await problemsOf(load(dir));
    expect(problems).toEqual([
      {
        file: dir.path('cloudkitty.conf'),
        section: 'oslo_policy',
        option: 'policy_file',
        line: expect.any(Number),
        message: `cannot read ${dir.path('missing.yaml')} (ENOENT)`,
      },
    ]);
  });

  it('a rule with a syntax error is a problem at its line of the policy file', async () => {
    const dir = setUp('[oslo_policy]\npolicy_file = policy.yaml\n', {
      'policy.yaml': '# policy\n"dataframes:get": "role:reader and"\n',
    });
    const problems = await problemsOf(load(dir));
    expect(problems).toEqual([
      {
        file: dir.path('policy.yaml'),
        line: 2,
        message:
          'policy rule "dataframes:get": "and" has no check after it at column 13 of "role:reader and"',
      },
    ]);
  });

  it('an unknown rule reference is a problem at its line of the policy file', async () => {
    const dir = setUp('', { 'policy.yaml': 'a: "@"\nb: "rule:c"\n' });
    const problems = await problemsOf(load(dir));
    expect(problems).toEqual([
      {
        file: dir.path('policy.yaml'),
        line: 2,
        message: 'policy rule "b" refers to rule:c, which no default rule or policy file rule defines',
      },
    ]);
  });
});
