import { describe, expect, it } from 'vitest';
import type { PolicyCredentials, PolicyTarget } from './credentials.js';
import { DEFAULT_RULES } from './default-rules.js';
import { PolicyNotRegisteredError } from './errors/policy-not-registered-error.js';
import { PolicyReferenceError } from './errors/policy-reference-error.js';
import { PolicyRuleError } from './errors/policy-rule-error.js';
import { POLICY_LIMITS } from './limits.js';
import { Policy } from './policy.js';
import { catchError } from './testing/catch-error.js';

const PROJECT = 'p-1';
const OTHER = 'p-2';

/** Keystone tokens: a member's lists reader too (implied roles are expanded into the token). */
const CALLERS: Record<string, PolicyCredentials> = {
  admin: { roles: ['admin', 'member', 'reader'], project_id: 'admin-project', is_admin: false },
  reader: { roles: ['reader'], project_id: PROJECT, is_admin: false },
  member: { roles: ['member', 'reader'], project_id: PROJECT, is_admin: false },
  otherReader: { roles: ['reader'], project_id: OTHER, is_admin: false },
  noRoles: { roles: [], project_id: PROJECT, is_admin: false },
  unscoped: { roles: ['reader', 'member'], is_admin: false },
};
type Caller = keyof typeof CALLERS;

const ADMIN_ONLY: Caller[] = ['admin'];
const READERS: Caller[] = ['admin', 'reader', 'member'];
const MEMBERS: Caller[] = ['admin', 'member'];

/** Rule → who is allowed on the target `{ project_id: PROJECT }`. */
const MATRIX: Record<string, Caller[]> = {
  context_is_admin: ADMIN_ONLY,
  admin_or_owner: ['admin', 'reader', 'member', 'noRoles'],
  default: Object.keys(CALLERS) as Caller[],
  project_member_api: ['member'],
  project_reader_api: ['reader', 'member'],
  project_member_or_admin: MEMBERS,
  project_reader_or_admin: READERS,
  'dataframes:add': ADMIN_ONLY,
  'dataframes:get': READERS,
  'summary:get_summary': READERS,
  'scope:get_state': ADMIN_ONLY,
  'scope:reset_state': ADMIN_ONLY,
  'scope:patch_state': ADMIN_ONLY,
  'scope:post_state': ADMIN_ONLY,
};

describe('CloudKitty default rules', () => {
  const policy = Policy.build();

  it('has every rule of the matrix, and only those', () => {
    expect(policy.names().sort()).toEqual(Object.keys(MATRIX).sort());
    expect(Object.keys(DEFAULT_RULES).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [rule, allowed] of Object.entries(MATRIX)) {
    for (const caller of Object.keys(CALLERS) as Caller[]) {
      const expected = allowed.includes(caller);
      it(`${rule}: ${caller} on its project is ${expected ? 'allowed' : 'denied'}`, () => {
        const decision = policy.enforce(rule, { project_id: PROJECT }, CALLERS[caller] as PolicyCredentials);
        expect(decision).toEqual({ allowed: expected, rule });
      });
    }
  }

  it('a project rule denies a target of another project, or without a project', () => {
    const reader = CALLERS.reader as PolicyCredentials;
    expect(policy.enforce('dataframes:get', { project_id: OTHER }, reader).allowed).toBe(false);
    expect(policy.enforce('dataframes:get', {}, reader).allowed).toBe(false);
    expect(policy.enforce('dataframes:get', { project_id: undefined }, reader).allowed).toBe(false);
    expect(
      policy.enforce('summary:get_summary', { project_id: OTHER }, CALLERS.admin as PolicyCredentials),
    ).toEqual({
      allowed: true,
      rule: 'summary:get_summary',
    });
  });

  it('roles are compared without case, as oslo lowercases them', () => {
    const shouting: PolicyCredentials = { roles: ['ADMIN'], is_admin: false };
    expect(policy.enforce('dataframes:add', {}, shouting).allowed).toBe(true);
  });

  it('a rule the policy does not have is refused by name', () => {
    const error = catchError(() =>
      policy.enforce('dataframes:delete', {}, CALLERS.admin as PolicyCredentials),
    );
    expect(error).toBeInstanceOf(PolicyNotRegisteredError);
    expect(error).toMatchObject({ rule: 'dataframes:delete' });
  });
});

describe('Policy.build: overrides', () => {
  const target: PolicyTarget = { project_id: PROJECT, user_id: 'u-1' };
  const decide = (expression: string, credentials: PolicyCredentials) =>
    Policy.build([{ name: 'dataframes:get', expression }]).enforce('dataframes:get', target, credentials)
      .allowed;
  const reader = CALLERS.reader as PolicyCredentials;

  it('is_admin:True matches credentials whose is_admin is true, is_admin:False the others', () => {
    expect(decide('is_admin:True', { ...reader, is_admin: true })).toBe(true);
    expect(decide('is_admin:True', reader)).toBe(false);
    expect(decide('is_admin:False', reader)).toBe(true);
  });

  it('@ and "" allow everyone, ! no one', () => {
    expect(decide('@', CALLERS.noRoles as PolicyCredentials)).toBe(true);
    expect(decide('', CALLERS.unscoped as PolicyCredentials)).toBe(true);
    expect(decide('!', CALLERS.admin as PolicyCredentials)).toBe(false);
  });

  it('generic checks compare a credential with the target or a literal', () => {
    expect(decide('user_id:%(user_id)s', { ...reader, user_id: 'u-1' })).toBe(true);
    expect(decide('user_id:%(user_id)s', { ...reader, user_id: 'u-2' })).toBe(false);
    expect(decide('user_id:%(user_id)s', reader)).toBe(false);
    expect(decide('domain_id:default', { ...reader, domain_id: 'default' })).toBe(true);
    expect(decide('system_scope:all', { ...reader, system_scope: 'all' })).toBe(true);
    expect(decide('project_id:%(missing)s', reader)).toBe(false);
    expect(decide('project_domain_id:default', reader)).toBe(false);
    expect(decide('roles:reader', reader)).toBe(true);
    expect(decide('project_id:pre-%(project_id)s', { ...reader, project_id: `pre-${PROJECT}` })).toBe(true);
  });

  it('not, parentheses and precedence: not > and > or', () => {
    expect(decide('not role:admin', reader)).toBe(true);
    expect(decide('NOT role:reader', reader)).toBe(false);
    // `@ or ! and !` is `@ or (! and !)`, not `(@ or !) and !`.
    expect(decide('@ or ! and !', reader)).toBe(true);
    expect(decide('(@ or !) and !', reader)).toBe(false);
    // `not ! and !` is `(not !) and !`.
    expect(decide('not ! and !', reader)).toBe(false);
    expect(decide('not (! and !)', reader)).toBe(true);
    expect(decide('((role:reader) AND (project_id:%(project_id)s))', reader)).toBe(true);
  });

  it('a file may add rules that others use with rule:', () => {
    const policy = Policy.build([
      { name: 'owner', expression: 'user_id:%(user_id)s', file: 'policy.yaml', line: 1 },
      {
        name: 'dataframes:get',
        expression: 'rule:owner or rule:context_is_admin',
        file: 'policy.yaml',
        line: 2,
      },
    ]);
    expect(policy.enforce('dataframes:get', target, { ...reader, user_id: 'u-1' }).allowed).toBe(true);
    expect(policy.enforce('dataframes:get', target, reader).allowed).toBe(false);
    expect(policy.source('owner')).toEqual({
      name: 'owner',
      expression: 'user_id:%(user_id)s',
      file: 'policy.yaml',
      line: 1,
    });
  });

  it('overriding a base rule changes every rule that refers to it', () => {
    const policy = Policy.build([{ name: 'context_is_admin', expression: 'role:cloud-admin' }]);
    const cloudAdmin: PolicyCredentials = { roles: ['cloud-admin'], is_admin: false };
    expect(policy.enforce('dataframes:get', target, cloudAdmin).allowed).toBe(true);
    expect(policy.enforce('dataframes:get', target, CALLERS.admin as PolicyCredentials).allowed).toBe(false);
  });

  it('a rule referred to many times at many levels is decided once per request', () => {
    const width = 200;
    const levels = Array.from({ length: POLICY_LIMITS.maxReferenceDepth }, (_, level) => ({
      name: `level${level}`,
      expression:
        level === POLICY_LIMITS.maxReferenceDepth - 1
          ? '!'
          : Array(width)
              .fill(`rule:level${level + 1}`)
              .join(' or '),
    }));
    const policy = Policy.build([...levels, { name: 'dataframes:get', expression: 'rule:level0' }]);
    const started = performance.now();
    expect(policy.enforce('dataframes:get', target, reader).allowed).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('Policy.build: errors name the rule, file and line', () => {
  it('a syntax error', () => {
    const error = catchError(() =>
      Policy.build([{ name: 'dataframes:get', expression: 'role:admin or', file: 'policy.yaml', line: 4 }]),
    );
    expect(error).toBeInstanceOf(PolicyRuleError);
    expect(error).toMatchObject({ rule: 'dataframes:get', file: 'policy.yaml', line: 4, position: 12 });
    expect((error as Error).message).toContain('policy.yaml line 4: policy rule "dataframes:get"');
  });

  it('an unknown rule reference', () => {
    const error = catchError(() =>
      Policy.build([
        { name: 'dataframes:get', expression: 'rule:nope or role:admin', file: 'p.yaml', line: 2 },
      ]),
    );
    expect(error).toBeInstanceOf(PolicyReferenceError);
    expect(error).toMatchObject({
      rule: 'dataframes:get',
      file: 'p.yaml',
      line: 2,
      reference: 'nope',
      reason: 'unknown',
    });
    expect((error as Error).message).toBe(
      'p.yaml line 2: policy rule "dataframes:get" refers to rule:nope, which no default rule or policy file rule defines',
    );
  });

  it('a cycle, through a default rule', () => {
    const error = catchError(() =>
      Policy.build([
        { name: 'context_is_admin', expression: 'rule:dataframes:get', file: 'p.yaml', line: 7 },
      ]),
    );
    expect(error).toBeInstanceOf(PolicyReferenceError);
    expect(error).toMatchObject({ reason: 'cycle', rule: 'context_is_admin', file: 'p.yaml', line: 7 });
    expect((error as PolicyReferenceError).chain).toEqual([
      'context_is_admin',
      'dataframes:get',
      'project_reader_or_admin',
      'context_is_admin',
    ]);
  });

  it('a rule that refers to itself', () => {
    const error = catchError(() =>
      Policy.build([{ name: 'loop', expression: 'not rule:loop', file: 'p.yaml', line: 1 }]),
    );
    expect(error).toMatchObject({ reason: 'cycle', rule: 'loop', chain: ['loop', 'loop'] });
    expect((error as Error).message).toBe(
      'p.yaml line 1: policy rule "loop" refers back to itself: "loop" → "loop"',
    );
  });

  it('a chain of references longer than the bound', () => {
    const chain = Array.from({ length: POLICY_LIMITS.maxReferenceDepth + 2 }, (_, i) => ({
      name: `r${i}`,
      expression: i === POLICY_LIMITS.maxReferenceDepth + 1 ? '@' : `rule:r${i + 1}`,
      file: 'p.yaml',
      line: i + 1,
    }));
    const error = catchError(() => Policy.build(chain));
    expect(error).toMatchObject({ reason: 'too-deep', rule: 'r0', line: 1 });
    // Within the bound, its head referred to by a CloudKitty rule (so it is used).
    expect(() =>
      Policy.build([
        ...chain.slice(2),
        { name: 'dataframes:get', expression: 'rule:r2', file: 'p.yaml', line: 40 },
      ]),
    ).not.toThrow();
  });

  it("a file's rule that is none of CloudKitty's and that no rule refers to: a misspelt name, refused", () => {
    const error = catchError(() =>
      Policy.build([{ name: 'dataframes:gett', expression: 'role:admin', file: 'p.yaml', line: 3 }]),
    );
    expect(error).toBeInstanceOf(PolicyReferenceError);
    expect(error).toMatchObject({ reason: 'unused', rule: 'dataframes:gett', file: 'p.yaml', line: 3 });
    expect((error as Error).message).toMatch(/dataframes:gett.*none of CloudKitty's rules/);
    // Referred to by a rule, an extra name is a helper rule, as in oslo.policy.
    expect(() =>
      Policy.build([
        { name: 'billing_team', expression: 'role:billing', file: 'p.yaml', line: 1 },
        {
          name: 'dataframes:get',
          expression: 'rule:billing_team or rule:context_is_admin',
          file: 'p.yaml',
          line: 2,
        },
      ]),
    ).not.toThrow();
  });
});

describe('Policy.build: a cycle through defaults is reported on the file rule', () => {
  it('names the overriding rule, not the default that leads to it', () => {
    const error = catchError(() =>
      Policy.build([
        { name: 'project_reader_api', expression: 'rule:summary:get_summary', file: 'p.yaml', line: 9 },
      ]),
    );
    expect(error).toMatchObject({ reason: 'cycle', rule: 'project_reader_api', file: 'p.yaml', line: 9 });
    expect((error as PolicyReferenceError).chain[0]).toBe('project_reader_api');
    expect((error as PolicyReferenceError).chain.at(-1)).toBe('project_reader_api');
  });
});
