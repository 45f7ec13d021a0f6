import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyCredentials } from './credentials.js';
import { PolicyFileError } from './errors/policy-file-error.js';
import { PolicyReferenceError } from './errors/policy-reference-error.js';
import { PolicyRuleError } from './errors/policy-rule-error.js';
import { POLICY_LIMITS } from './limits.js';
import { loadPolicy } from './load-policy.js';
import { catchError } from './testing/catch-error.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const READER: PolicyCredentials = { roles: ['reader'], project_id: 'p', is_admin: false };
const ADMIN: PolicyCredentials = { roles: ['admin'], project_id: 'q', is_admin: false };

describe('loadPolicy', () => {
  it('without a file: CloudKitty defaults', () => {
    const policy = loadPolicy();
    expect(policy.file).toBeUndefined();
    expect(policy.expression('dataframes:get')).toBe('rule:project_reader_or_admin');
  });

  it('YAML overrides, with each rule at its line; other rules keep their defaults', () => {
    const path = file(
      'policy.yaml',
      [
        '# kitty-collect test policy',
        '"dataframes:get": "rule:context_is_admin"',
        'owner: "user_id:%(user_id)s"',
        "'summary:get_summary': 'rule:owner or is_admin:True'",
        '',
      ].join('\n'),
    );
    const policy = loadPolicy({ file: path });
    expect(policy.file).toBe(path);
    expect(policy.source('owner')).toMatchObject({ file: path, line: 3 });
    expect(policy.enforce('dataframes:get', { project_id: 'p' }, READER).allowed).toBe(false);
    expect(policy.enforce('summary:get_summary', { user_id: 'u' }, { ...READER, user_id: 'u' }).allowed).toBe(
      true,
    );
    expect(policy.enforce('summary:get_summary', {}, { ...READER, is_admin: true }).allowed).toBe(true);
    expect(policy.enforce('scope:get_state', {}, ADMIN).allowed).toBe(true);
  });

  it('JSON overrides', () => {
    const path = file('policy.json', '{\n  "dataframes:add": "@",\n  "scope:get_state": "!"\n}\n');
    const policy = loadPolicy({ file: path });
    expect(policy.enforce('dataframes:add', {}, READER).allowed).toBe(true);
    expect(policy.enforce('scope:get_state', {}, ADMIN).allowed).toBe(false);
    expect(policy.source('scope:get_state')).toMatchObject({ line: 3 });
  });

  it('an empty file has no rules: the defaults', () => {
    expect(loadPolicy({ file: file('policy.yaml', '# nothing\n') }).expression('dataframes:add')).toBe(
      'role:admin',
    );
  });

  it("oslo's default file, missing: the defaults, silently; a named file, missing: an error", () => {
    const missing = join(tmpdir(), 'kitty-collect-no-such-dir', 'policy.yaml');
    expect(loadPolicy({ file: missing, missingIsDefaults: true }).file).toBeUndefined();
    const error = catchError(() => loadPolicy({ file: missing }));
    expect(error).toBeInstanceOf(PolicyFileError);
    expect(error).toMatchObject({ file: missing, reason: 'cannot be read (ENOENT)' });
    expect((error as Error).message).toBe(`${missing}: cannot be read (ENOENT)`);
  });

  it('a syntax error names the file, the rule and its line', () => {
    const path = file(
      'policy.yaml',
      '"dataframes:get": "rule:context_is_admin"\n\n"scope:get_state": "role:admin and"\n',
    );
    const error = catchError(() => loadPolicy({ file: path }));
    expect(error).toBeInstanceOf(PolicyRuleError);
    expect(error).toMatchObject({ file: path, rule: 'scope:get_state', line: 3, position: 12 });
    expect((error as Error).message).toContain(
      `${path} line 3: policy rule "scope:get_state": "and" has no check after it`,
    );
  });

  it('an unknown rule reference names the file, the rule and its line', () => {
    const path = file('policy.yaml', 'a: "@"\n"dataframes:get": "rule:a or rule:admin_or_ownr"\n');
    const error = catchError(() => loadPolicy({ file: path }));
    expect(error).toBeInstanceOf(PolicyReferenceError);
    expect(error).toMatchObject({ file: path, rule: 'dataframes:get', line: 2, reference: 'admin_or_ownr' });
  });

  it('a cycle names the file, the rule and its line', () => {
    const path = file('policy.yaml', 'a: "rule:b"\nb: "role:x or rule:a"\n');
    const error = catchError(() => loadPolicy({ file: path }));
    expect(error).toBeInstanceOf(PolicyReferenceError);
    expect(error).toMatchObject({ file: path, rule: 'a', line: 1, reason: 'cycle', chain: ['a', 'b', 'a'] });
  });

  const BAD_FILES: [string, string | Buffer, Partial<PolicyFileError>][] = [
    ['YAML syntax', 'a: "@\nb: !\n', { reason: expect.stringContaining('not YAML or JSON') }],
    [
      'not a mapping',
      '- "role:admin"\n',
      { reason: 'expected a mapping of rule name to rule string', line: 1 },
    ],
    ['a rule that is not a string', 'a: "@"\nb:\n', { rule: 'b', line: 2 }],
    ['a rule that is a list (the old list syntax)', 'b: [["role:admin"]]\n', { rule: 'b', line: 1 }],
    ['a name written twice', 'a: "@"\na: "!"\n', { line: 2 }],
    ['a name that is not a string', '1: "@"\n', { reason: 'a rule name must be a string', line: 1 }],
    ['an alias', 'a: &x "@"\nb: *x\n', { rule: 'b', line: 2 }],
    ['not UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]), { reason: 'not UTF-8 text' }],
  ];
  for (const [what, text, expected] of BAD_FILES) {
    it(`refuses ${what}, naming the file`, () => {
      const path = file('policy.yaml', text);
      const error = catchError(() => loadPolicy({ file: path }));
      expect(error).toBeInstanceOf(PolicyFileError);
      expect(error).toMatchObject({ file: path, ...expected });
      expect((error as Error).message.startsWith(path)).toBe(true);
    });
  }

  it('refuses a file larger than the bound', () => {
    const path = file('policy.yaml', `# ${'x'.repeat(POLICY_LIMITS.maxFileBytes)}\n`);
    expect(catchError(() => loadPolicy({ file: path }))).toMatchObject({
      reason: expect.stringContaining('larger than'),
    });
  });

  it('refuses a file nested deeper than the stack, without exhausting it', () => {
    const path = file('policy.yaml', '['.repeat(POLICY_LIMITS.maxFileBytes - 1));
    expect(catchError(() => loadPolicy({ file: path }))).toBeInstanceOf(PolicyFileError);
  });
});
