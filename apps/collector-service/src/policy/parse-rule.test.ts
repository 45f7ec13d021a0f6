import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyCredentials, PolicyTarget } from './credentials.js';
import { PolicyRuleError } from './errors/policy-rule-error.js';
import { evaluateRule } from './evaluate-rule.js';
import { POLICY_LIMITS } from './limits.js';
import { parseRule } from './parse-rule.js';
import { renderRule } from './render-rule.js';
import type { PolicyRule } from './rule-tree.js';
import { catchError } from './testing/catch-error.js';

const AT = { rule: 'dataframes:get', file: 'policy.yaml', line: 3 };
const parse = (expression: string) => parseRule(expression, AT);

describe('parseRule', () => {
  it('reads each check kind', () => {
    expect(parse('role:admin')).toEqual({ kind: 'role', match: [{ literal: 'admin' }] });
    expect(parse('rule:context_is_admin')).toEqual({ kind: 'rule', name: 'context_is_admin', position: 6 });
    expect(parse('project_id:%(project_id)s')).toEqual({
      kind: 'generic',
      attribute: 'project_id',
      match: [{ target: 'project_id' }],
    });
    expect(parse('is_admin:True')).toEqual({
      kind: 'generic',
      attribute: 'is_admin',
      match: [{ literal: 'True' }],
    });
    expect(parse('role:100%%')).toEqual({ kind: 'role', match: [{ literal: '100%' }] });
    expect(parse('@')).toEqual({ kind: 'always' });
    expect(parse('!')).toEqual({ kind: 'never' });
    expect(parse('')).toEqual({ kind: 'always' });
  });

  it('binds not over and over or, and keeps parentheses', () => {
    expect(renderRule(parse('role:a or role:b and not role:c'))).toBe('role:a or role:b and not role:c');
    expect(parse('role:a or role:b and not role:c')).toMatchObject({
      kind: 'or',
      rules: [{ kind: 'role' }, { kind: 'and', rules: [{ kind: 'role' }, { kind: 'not' }] }],
    });
    expect(parse('(role:a or role:b) and role:c')).toMatchObject({
      kind: 'and',
      rules: [{ kind: 'or' }, { kind: 'role' }],
    });
    expect(renderRule(parse('not (role:a Or role:b)'))).toBe('not (role:a or role:b)');
  });

  const REFUSED: [string, number, string][] = [
    ['role:admin or', 12, '"or" has no check after it'],
    ['and role:admin', 1, '"and" has no check before it'],
    ['role:a and or role:b', 8, '"and" has no check after it'],
    ['not', 1, '"not" has no check after it'],
    ['(role:admin', 1, 'unbalanced parenthesis: this "(" is not closed'],
    ['role:admin)', 11, 'unbalanced parenthesis: ")" closes nothing'],
    ['()', 1, 'empty parentheses'],
    ['role:a role:b', 8, 'expected "and" or "or" here'],
    ['http://example.com/check', 1, "http: checks (oslo.policy's HttpCheck) are not supported"],
    ['admin', 1, '"admin" is not a check (kind:match, @ or !)'],
    ['role:', 6, '"role:" has nothing after its colon'],
    ['token.roles:admin', 1, 'unknown check kind "token.roles"'],
    ['"role:admin"', 1, 'a quoted string is not a check'],
    ['project_id:%(project_id)d', 12, 'a % must be %(name)s'],
    ['role:a and is_admin:true', 21, 'is_admin is a boolean: write is_admin:True or is_admin:False'],
    ['   ', 1, 'only blanks: write "" for everyone or "!" for no one'],
  ];
  for (const [expression, position, reason] of REFUSED) {
    it(`refuses ${JSON.stringify(expression)} at column ${position}`, () => {
      const error = catchError(() => parse(expression));
      expect(error).toBeInstanceOf(PolicyRuleError);
      expect(error).toMatchObject({
        rule: 'dataframes:get',
        file: 'policy.yaml',
        line: 3,
        expression,
        position,
      });
      expect((error as PolicyRuleError).reason).toContain(reason);
      expect((error as Error).message).toContain('policy.yaml line 3: policy rule "dataframes:get": ');
    });
  }

  it('bounds the length and the nesting', () => {
    const long = `role:${'a'.repeat(POLICY_LIMITS.maxExpressionLength)}`;
    expect(catchError(() => parse(long))).toMatchObject({ reason: expect.stringContaining('longer than') });
    const deep = `${'('.repeat(POLICY_LIMITS.maxNesting + 1)}@${')'.repeat(POLICY_LIMITS.maxNesting + 1)}`;
    expect(catchError(() => parse(deep))).toMatchObject({ reason: expect.stringContaining('nested deeper') });
    const nots = `${'not '.repeat(POLICY_LIMITS.maxNesting + 1)}@`;
    expect(catchError(() => parse(nots))).toMatchObject({ reason: expect.stringContaining('nested deeper') });
    const within = `${'('.repeat(POLICY_LIMITS.maxNesting)}@${')'.repeat(POLICY_LIMITS.maxNesting)}`;
    expect(parse(within)).toEqual({ kind: 'always' });
  });

  it('names a default rule as a default', () => {
    expect(() => parseRule('role:', { rule: 'context_is_admin' })).toThrow(
      /^default policy rule "context_is_admin": /,
    );
  });
});

// Properties: rules of checks that depend only on the credentials and target below.
const ROLES = ['admin', 'reader', 'member'];
const check = fc.oneof(
  fc.constantFrom('@', '!', 'is_admin:True', 'is_admin:False', 'project_id:%(project_id)s', 'user_id:u1'),
  fc.constantFrom(...ROLES).map((role) => `role:${role}`),
);
const expression: fc.Arbitrary<string> = fc
  .letrec<{ rule: string }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      check,
      tie('rule').map((rule) => `not ${rule}`),
      fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `${a} or ${b}`),
      tie('rule').map((rule) => `(${rule})`),
    ),
  }))
  .rule.filter(
    (text) => text.length <= POLICY_LIMITS.maxExpressionLength && nesting(text) <= POLICY_LIMITS.maxNesting,
  );

const credentials: fc.Arbitrary<PolicyCredentials> = fc.record(
  {
    roles: fc.subarray(ROLES),
    project_id: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }),
    user_id: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
    is_admin: fc.boolean(),
  },
  { requiredKeys: ['roles', 'is_admin'] },
);
const target: fc.Arbitrary<PolicyTarget> = fc.record({ project_id: fc.constantFrom('p1', 'p2', undefined) });

function decide(rule: PolicyRule, t: PolicyTarget, c: PolicyCredentials): boolean {
  return evaluateRule(rule, t, c);
}

describe('parseRule: properties', () => {
  it('throws nothing but PolicyRuleError, whatever the text', () => {
    const words = fc.constantFrom(
      '(',
      ')',
      'and',
      'or',
      'not',
      'AND',
      ' ',
      'role:a',
      'rule:x',
      '@',
      '!',
      ':',
      '%',
      '%(',
      ')s',
      'http:',
      '"',
      'is_admin:',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(words, { maxLength: 40 }).map((parts) => parts.join('')),
      fc.array(words, { maxLength: 40 }).map((parts) => parts.join(' ')),
    );
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseRule(input, { rule: 'r' });
        } catch (error) {
          if (!(error instanceof PolicyRuleError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(1);
          expect(error.position).toBeLessThanOrEqual(
            Math.max(input.length, POLICY_LIMITS.maxExpressionLength) + 1,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('not not r decides as r', () => {
    fc.assert(
      fc.property(expression, target, credentials, (r, t, c) => {
        expect(decide(parse(`not not (${r})`), t, c)).toBe(decide(parse(r), t, c));
      }),
    );
  });

  it('a and b decides as b and a', () => {
    fc.assert(
      fc.property(expression, expression, target, credentials, (a, b, t, c) => {
        expect(decide(parse(`(${a}) and (${b})`), t, c)).toBe(decide(parse(`(${b}) and (${a})`), t, c));
      }),
    );
  });

  it('a rule rendered and parsed again is the same tree, deciding the same', () => {
    fc.assert(
      fc.property(expression, target, credentials, (r, t, c) => {
        const tree = parse(r);
        const again = parse(renderRule(tree));
        expect(again).toEqual(tree);
        expect(decide(again, t, c)).toBe(decide(tree, t, c));
      }),
    );
  });
});

/** Deepest nesting of parentheses and `not`s, as the parser counts it (an over-estimate for `not`s). */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const token of text.split(/(\(|\)|\s+)/)) {
    if (token === '(') deepest = Math.max(deepest, ++depth);
    if (token === ')') depth--;
  }
  return deepest + (text.match(/\bnot\b/g)?.length ?? 0);
}
