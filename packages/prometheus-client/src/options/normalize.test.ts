import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusError } from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { PrometheusClientOptionsError } from '../errors/prometheus-client-options-error.js';
import { normalizeClientOptions } from './normalize.js';

const PASSWORD = 'hunter2-secret';

function optionsError(input: unknown): PrometheusClientOptionsError {
  try {
    normalizeClientOptions(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PrometheusClientOptionsError);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as Error).message).not.toContain(PASSWORD);
    return error as PrometheusClientOptionsError;
  }
  throw new Error('expected the options to be rejected');
}

describe('normalizeClientOptions', () => {
  it('applies the defaults', () => {
    expect(normalizeClientOptions({ url: 'http://127.0.0.1:9090/api/v1' })).toEqual({
      url: 'http://127.0.0.1:9090/api/v1',
      credentials: undefined,
      ca: undefined,
      rejectUnauthorized: true,
      timeoutSeconds: 60,
      retries: 2,
      maxConnections: 10,
      compression: false,
    });
  });

  it('tolerates trailing slashes on the API base', () => {
    expect(normalizeClientOptions({ url: 'http://prom:9090/api/v1/' }).url).toBe('http://prom:9090/api/v1');
    expect(normalizeClientOptions({ url: 'https://prom/api/v1//' }).url).toBe('https://prom/api/v1');
  });

  it('keeps credentials, insecure, timeout, retries and maxConnections', () => {
    expect(
      normalizeClientOptions({
        url: 'https://prom/api/v1',
        username: 'admin',
        password: PASSWORD,
        insecure: true,
        timeout: 1.5,
        retries: 0,
        maxConnections: 4,
      }),
    ).toMatchObject({
      credentials: { username: 'admin', password: PASSWORD },
      rejectUnauthorized: false,
      timeoutSeconds: 1.5,
      retries: 0,
      maxConnections: 4,
    });
  });

  it('reads caFile once, as PEM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prometheus-client-'));
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(dir, 'ca.pem'), pem);
    writeFileSync(join(dir, 'not.pem'), 'hello');
    expect(normalizeClientOptions({ url: 'https://prom/api/v1', caFile: join(dir, 'ca.pem') }).ca).toBe(pem);
    const notPem = optionsError({ url: 'https://prom/api/v1', caFile: join(dir, 'not.pem') });
    expect(notPem.message).toBe(
      `Invalid PrometheusClient option "caFile": ${join(dir, 'not.pem')} holds no PEM certificate`,
    );
    const missing = optionsError({ url: 'https://prom/api/v1', caFile: join(dir, 'missing.pem') });
    expect(missing.message).toBe(
      `Invalid PrometheusClient option "caFile": cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
    );
    expect(missing.option).toBe('caFile');
  });

  it('rejects a username without password, and the reverse, naming the missing one', () => {
    const noPassword = optionsError({ url: 'http://prom/api/v1', username: 'admin' });
    expect(noPassword.message).toBe(
      'Invalid PrometheusClient option "password": is required when username is set',
    );
    const noUsername = optionsError({ url: 'http://prom/api/v1', password: PASSWORD });
    expect(noUsername.option).toBe('username');
    expect(noUsername.message).toBe(
      'Invalid PrometheusClient option "username": is required when password is set',
    );
  });

  it('rejects unusable URLs with a reason', () => {
    expect(optionsError({ url: 'prom:9090' }).message).toBe(
      'Invalid PrometheusClient option "url": must use http or https',
    );
    expect(optionsError({ url: 'not a url' }).message).toBe(
      'Invalid PrometheusClient option "url": must be an absolute URL such as http://prometheus:9090/api/v1',
    );
    expect(optionsError({ url: `http://admin:${PASSWORD}@prom/api/v1` }).message).toBe(
      'Invalid PrometheusClient option "url": must not contain credentials; use the username and password options',
    );
    expect(optionsError({ url: 'http://prom/api/v1?x=1' }).option).toBe('url');
  });

  it('rejects bad numbers, naming the option', () => {
    expect(optionsError({ url: 'http://prom/api/v1', timeout: 0 }).option).toBe('timeout');
    expect(optionsError({ url: 'http://prom/api/v1', timeout: '60' }).option).toBe('timeout');
    expect(optionsError({ url: 'http://prom/api/v1', retries: 1.5 }).option).toBe('retries');
    expect(optionsError({ url: 'http://prom/api/v1', maxConnections: 0 }).option).toBe('maxConnections');
    expect(optionsError({ url: 'http://prom/api/v1', insecure: 'yes' }).option).toBe('insecure');
  });

  it('rejects unknown options, so a typo never silently drops a setting', () => {
    const error = optionsError({ url: 'http://prom/api/v1', username: 'admin', passwd: PASSWORD });
    expect(error.message).toBe('Invalid PrometheusClient option "passwd": is not a PrometheusClient option');
  });

  it('rejects a missing url and a missing options object', () => {
    expect(optionsError({}).option).toBe('url');
    expect(optionsError(undefined).option).toBe('options');
  });
});
