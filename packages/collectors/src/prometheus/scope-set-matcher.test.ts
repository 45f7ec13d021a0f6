import { describe, expect, it } from 'vitest';
import { scopeSetMatcher } from './scope-set-matcher.js';

describe('scopeSetMatcher', () => {
  it('alternates the ids, in order', () => {
    expect(scopeSetMatcher('project_id', ['a1', 'b2'])).toBe('{project_id=~"a1|b2"}');
  });

  it('escapes every RE2 metacharacter, then the PromQL string', () => {
    expect(scopeSetMatcher('tenant', ['a.b', 'c|d', '(x)*+?', '[y]{2}', '^z$'])).toBe(
      String.raw`{tenant=~"a\\.b|c\\|d|\\(x\\)\\*\\+\\?|\\[y\\]\\{2\\}|\\^z\\$"}`,
    );
    expect(scopeSetMatcher('project_id', ['quirky"proj\\id'])).toBe(
      String.raw`{project_id=~"quirky\"proj\\\\id"}`,
    );
  });

  it('keeps an empty id, which matches series without the label', () => {
    expect(scopeSetMatcher('project_id', ['', 'a'])).toBe('{project_id=~"|a"}');
  });

  it('refuses an empty list, which would match every series without the label', () => {
    expect(() => scopeSetMatcher('project_id', [])).toThrow('scopeSetMatcher needs at least one scope id');
  });
});
