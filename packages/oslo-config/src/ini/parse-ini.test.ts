import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../errors/config-file-error.js';
import { expectNoSecret, thrown } from '../testing/thrown.js';
import { parseIni } from './parse-ini.js';
import { readIniFile } from './read-ini-file.js';

describe('parseIni', () => {
  it('reads sections, `=` and `:` assignments, stripped keys and values, one pair of quotes', () => {
    const ini = parseIni(
      [
        '[DEFAULT]',
        'debug = true',
        '',
        '[collect]',
        'collector=aetos',
        'period : 3600',
        'metrics_conf = "/etc/cloudkitty/metrics.yml"',
        "name = 'quoted'  ",
        'url = http://host:9090/api/v1',
        'odd = "unbalanced',
      ].join('\n'),
      'cloudkitty.conf',
    );
    expect(ini.source).toBe('cloudkitty.conf');
    expect(ini.sectionNames).toEqual(['DEFAULT', 'collect']);
    expect(ini.toRecord('collect')).toEqual({
      collector: 'aetos',
      period: '3600',
      metrics_conf: '/etc/cloudkitty/metrics.yml',
      name: 'quoted',
      url: 'http://host:9090/api/v1',
      odd: '"unbalanced',
    });
    expect(ini.entry('collect', 'period')).toEqual({ value: '3600', line: 6 });
  });

  it('splits at the first of `=` and `:`, as oslo does', () => {
    const ini = parseIni('[s]\nauth_url: http://k:5000/v3\nendpoint = http://e:1\n');
    expect(ini.get('s', 'auth_url')).toBe('http://k:5000/v3');
    expect(ini.get('s', 'endpoint')).toBe('http://e:1');
  });

  it('comments are whole lines starting with # or ; — a # inside a value is part of it', () => {
    const ini = parseIni('# top\n[s]\n; note\n#key = no\npassword = a#b;c\n');
    expect(ini.toRecord('s')).toEqual({ password: 'a#b;c' });
  });

  it('[DEFAULT] is not visible in other sections (oslo reads a group from its own section only)', () => {
    const ini = parseIni('[DEFAULT]\nauth_url = http://k\n[collector_aetos]\ninterface = internal\n');
    expect(ini.toRecord('collector_aetos')).toEqual({ interface: 'internal' });
    expect(ini.toRecord('DEFAULT')).toEqual({ auth_url: 'http://k' });
  });

  it('indented lines continue the value (joined with newlines) until a blank line', () => {
    const ini = parseIni('[s]\nkey = first\n  second\n\tthird\n\nnext = x\n');
    expect(ini.get('s', 'key')).toBe('first\nsecond\nthird');
    expect(ini.get('s', 'next')).toBe('x');
  });

  it('a repeated key keeps every value, the last one wins; repeated sections merge', () => {
    const ini = parseIni('[s]\na = 1\n[t]\nx = y\n[s]\na = 2\nb = 3\n');
    expect(ini.get('s', 'a')).toBe('2');
    expect(ini.getAll('s', 'a')).toEqual(['1', '2']);
    expect(ini.toRecord('s')).toEqual({ a: '2', b: '3' });
  });

  it('section lookup ignores case except for DEFAULT; keys are case-sensitive', () => {
    const ini = parseIni('[Keystone_AuthToken]\nAuth_URL = http://k\n[default]\nx = 1\n');
    expect(ini.has('keystone_authtoken')).toBe(true);
    expect(ini.get('KEYSTONE_AUTHTOKEN', 'Auth_URL')).toBe('http://k');
    expect(ini.get('keystone_authtoken', 'auth_url')).toBeUndefined();
    expect(ini.has('DEFAULT')).toBe(false);
    expect(ini.section('keystone_authtoken')?.name).toBe('Keystone_AuthToken');
  });

  it('accepts CRLF line ends and a byte order mark', () => {
    expect(parseIni('\uFEFF[s]\r\na = 1\r\n').get('s', 'a')).toBe('1');
  });

  it.each([
    ['password = hunter2-secret\n', 1, 'Section must be started before assignment'],
    ['[s]\npassword hunter2-secret\n', 2, "No ':' or '=' found in assignment"],
    ['[s]\n = hunter2-secret\n', 2, 'Unexpected continuation line'],
    ['[s]\n= hunter2-secret\n', 2, 'Key cannot be empty'],
    ['[]\n', 1, 'Empty section name'],
    ['[s]\n\n  hunter2-secret\n', 3, 'Unexpected continuation line'],
  ])('error with the line number, never the line: %j', (text, line, problem) => {
    const error = thrown(ConfigFileError, () => parseIni(text, '/etc/cloudkitty/cloudkitty.conf'));
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toBe(`/etc/cloudkitty/cloudkitty.conf:${line}: ${problem}`);
    expect(error.line).toBe(line);
    expect(error.file).toBe('/etc/cloudkitty/cloudkitty.conf');
    expect(error.problem).toBe(problem);
    expect(error.name).toBe('ConfigFileError');
    expectNoSecret('hunter2-secret', error.message, error);
  });
});

describe('an unterminated section header', () => {
  it('names the file, the line and the column where the ] is missing, once', () => {
    const error = thrown(ConfigFileError, () => parseIni('[DEFAULT]\n\n[collect\nperiod = 60\n', 'ck.conf'));
    expect(error.message).toBe('ck.conf:3:9: Invalid section (must end with ])');
    expect([error.file, error.line, error.column, error.problem]).toEqual([
      'ck.conf',
      3,
      9,
      'Invalid section (must end with ])',
    ]);
  });

  it('the column after trailing spaces are dropped', () => {
    expect(thrown(ConfigFileError, () => parseIni('[s  \n', 'ck.conf')).message).toBe(
      'ck.conf:1:3: Invalid section (must end with ])',
    );
  });
});

describe('readIniFile', () => {
  it('reads a file; a missing file is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kitty-oslo-'));
    try {
      const path = join(dir, 'ck.conf');
      writeFileSync(path, '[collect]\ncollector = prometheus\n');
      const ini = readIniFile(path);
      expect(ini.source).toBe(path);
      expect(ini.get('collect', 'collector')).toBe('prometheus');
      const missing = thrown(ConfigFileError, () => readIniFile(join(dir, 'missing.conf')));
      expect(missing.message).toBe(`${join(dir, 'missing.conf')}: cannot read the file (ENOENT)`);
      expect(missing.line).toBeUndefined();
      expect(missing.problem).toBe('cannot read the file (ENOENT)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
