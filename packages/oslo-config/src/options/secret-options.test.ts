import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OptionValueError } from '../errors/option-value-error.js';
import { parseIni } from '../ini/parse-ini.js';
import { expectNoSecret, thrown } from '../testing/thrown.js';
import { booleanValue } from '../values/boolean-value.js';
import { choiceValue } from '../values/choice-value.js';
import { dictValue, listValue } from '../values/collection-values.js';
import { floatValue, integerValue, secondsValue } from '../values/number-values.js';
import { readOption, readSection } from './read-section.js';
import { isSecretName, withoutSecretValue } from './secret-options.js';

describe('isSecretName', () => {
  it('knows passwords, secrets, tokens and passphrases by their words, in any spelling', () => {
    for (const name of [
      'password',
      'prometheus_password',
      'application_credential_secret',
      'token',
      'admin_token',
      'memcache_secret_key',
      'OS_PASSWORD',
      'X-Auth-Token',
      'authToken',
      'ssl_key_passphrase',
      'authorization',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['period', 'scope_key', 'auth_url', 'username', 'keyfile', 'passive', 'tokenizer']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('withoutSecretValue', () => {
  it('hides the value, quoted or not, cut or not, in the problem of a secret option', () => {
    const long = `Zq9${'x'.repeat(70)}`;
    expect(withoutSecretValue('expected an integer, got "hunter22"', 'password', 'hunter22')).toBe(
      'expected an integer, got <secret>',
    );
    expect(withoutSecretValue('must be at least 10, got 7007', 'token', ' 7007 ')).toBe(
      'must be at least 10, got <secret>',
    );
    expect(withoutSecretValue(`got "${long.slice(0, 60)}…"`, 'db_secret', long)).toBe('got <secret>');
    expect(withoutSecretValue('a key is empty in ":b2x"', 'password', 'a1:q,:b2x')).toBe(
      'a key is empty in <secret>',
    );
  });

  it('leaves the problem of any other option as it is', () => {
    expect(withoutSecretValue('expected an integer, got "1h"', 'period', '1h')).toBe(
      'expected an integer, got "1h"',
    );
  });
});

describe('secret options in readSection and readOption', () => {
  // Types declared without `secret: true`, as a caller may forget to: the option's name still hides it.
  const schema = z.object({
    password: integerValue(),
    admin_token: choiceValue(['a', 'b']),
    memcache_secret_key: dictValue(),
    prometheus_password: booleanValue(),
    period: integerValue(),
  });
  const ini = parseIni(
    [
      '[s]',
      'password = Hunter22word',
      'admin_token = gAAAAABtokenvalue0123456789',
      'memcache_secret_key = a:1,:Sec9retPair',
      'prometheus_password = s3cretBool',
      'period = 1h',
    ].join('\n'),
    'cloudkitty.conf',
  );

  it('never echo a value refused by its type; other options still show theirs', () => {
    const result = readSection(ini, 's', schema);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expectNoSecret('Hunter22word', problems);
    expectNoSecret('gAAAAABtokenvalue', problems);
    expectNoSecret('Sec9retPair', problems);
    expectNoSecret('s3cretBool', problems);
    expect(problems.map((p) => `${p.option}: ${p.problem}`)).toEqual([
      'password: expected an integer, got <secret>',
      'admin_token: expected one of a, b, got <secret>',
      'memcache_secret_key: a key is empty in <secret>',
      'prometheus_password: expected true or false (also yes/no, on/off, 1/0), got <secret>',
      'period: expected an integer, got "1h"',
    ]);
  });

  it('readOption too, in the error message and in its fields', () => {
    const error = thrown(OptionValueError, () => readOption(ini, 's', 'password', integerValue()));
    expect(error.message).toBe('cloudkitty.conf:2: [s] password: expected an integer, got <secret>');
    expectNoSecret('Hunter22word', error);
  });

  it('property: no value of a secret-named option survives in any problem, whatever its type', () => {
    const types = [
      integerValue(),
      floatValue('a number', { max: 0 }),
      secondsValue(),
      booleanValue(),
      choiceValue(['public']),
      dictValue(),
      listValue(),
      integerValue('n', { min: 10 ** 12 }),
    ];
    const names = fc.constantFrom('password', 'db_password', 'token', 'application_credential_secret');
    const value = fc.stringMatching(/^[A-Za-z0-9:, !#.-]{0,30}$/).map((text) => `Zq9${text}`);
    fc.assert(
      fc.property(names, fc.constantFrom(...types), value, (name, type, text) => {
        const file = parseIni(`[s]\n${name} = ${text}\n`, 'c.conf');
        const result = readSection(file, 's', z.object({ [name]: type }));
        const problems = result.ok ? [] : result.problems.map((p) => p.problem).join('\n');
        expect(problems).not.toContain('Zq9');
      }),
      { numRuns: 500, seed: Number(process.env.FC_SEED ?? 20261203) },
    );
  });
});
