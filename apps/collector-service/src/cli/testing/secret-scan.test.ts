import { AssertionError } from 'node:assert';
import { TEST_STACK_SECRETS } from '@kitty-collect/test-stack';
import { describe, expect, it } from 'vitest';
import { expectNoSecrets, findSecrets, maskSecrets } from './secret-scan.js';

const TOKEN = `gAAAAABp${'a1B2_-'.repeat(20)}`;

describe('expectNoSecrets', () => {
  it('passes over clean lines', () => {
    expect(() =>
      expectNoSecrets(['{"msg":"Collection loop started"}', 'kitty-collect: 2 scopes']),
    ).not.toThrow();
  });

  it('fails naming the line, its stream and which secret, with the secret masked', () => {
    const password = TEST_STACK_SECRETS[1] ?? '';
    const lines = [
      { stream: 'stdout' as const, text: 'fine' },
      { stream: 'stderr' as const, text: `{"msg":"refused ${password}"}` },
    ];
    let error: unknown;
    try {
      expectNoSecrets(lines, TEST_STACK_SECRETS, 'serve --once');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AssertionError);
    expect((error as Error).message).toBe(
      'secrets were printed:\n  serve --once, line 2 (stderr) holds secret #1: {"msg":"refused ‹secret #1›"}',
    );
    expect((error as Error).message).not.toContain(password);
  });

  it('finds Keystone tokens of any length from 20 characters after gAAAA, and percent-encoded secrets', () => {
    expect(findSecrets([`X-Auth-Token: ${TOKEN}`]).map((f) => f.what)).toEqual(['a Keystone token']);
    expect(findSecrets(['gAAAAshort'])).toEqual([]);
    expect(maskSecrets(`token ${TOKEN}.`)).toBe('token ‹keystone token›.');
    expect(findSecrets(['pw=s%2Fcret'], ['s/cret']).map((f) => f.what)).toEqual(['secret #0']);
  });
});
