import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from './logger.js';

const SECRET = 'Log-Secret-0042';
const TOKEN = `gAAAAABn${'x7Y_-'.repeat(30)}`;

/** A logger writing into an array of parsed lines. */
function recordingLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  return { logger: createLogger(level, destination), lines };
}

describe('createLogger: no secret in a log line, whatever is logged', () => {
  it('redacts URLs in the message and in any field, at any depth', () => {
    const { logger, lines } = recordingLogger();
    logger.warn(
      { authUrl: `http://ck:${SECRET}@k/v3?pw=${SECRET}`, nested: { list: [`see https://u:${SECRET}@h/x`] } },
      `Collection failed: GET http://ck:${SECRET}@prom/api?pw=${SECRET} refused`,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line.msg).toBe('Collection failed: GET http://prom/api refused');
    expect(line.authUrl).toBe('http://k/v3');
    expect(line.nested).toEqual({ list: ['see https://h/x'] });
  });

  it('censors secret-named fields (password, token, x-auth-token, authorization, *_secret) at any depth', () => {
    const { logger, lines } = recordingLogger();
    logger.info(
      {
        password: SECRET,
        request: { headers: { 'X-Auth-Token': SECRET, authorization: `Basic ${SECRET}` } },
        options: { application_credential_secret: SECRET, prometheus_password: SECRET, timeout: 5 },
        tokens: [SECRET],
      },
      'request',
    );
    expect(lines[0]).not.toContain(SECRET);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line.password).toBe('<redacted>');
    expect(line.options).toEqual({
      application_credential_secret: '<redacted>',
      prometheus_password: '<redacted>',
      timeout: 5,
    });
  });

  it('censors Keystone tokens wherever they appear', () => {
    const { logger, lines } = recordingLogger();
    logger.debug({ detail: `X-Subject-Token: ${TOKEN}` }, `got ${TOKEN}`);
    expect(lines[0]).not.toContain('gAAAAAB');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'got <redacted>',
      detail: 'X-Subject-Token: <redacted>',
    });
  });

  it('serializes errors with their causes (message, stack, fields) and redacts them too', () => {
    const { logger, lines } = recordingLogger();
    const cause = Object.assign(new TypeError('Invalid URL'), { input: `http://ck:${SECRET}@[bad/v3` });
    const error = Object.assign(new Error(`Keystone at http://ck:${SECRET}@k/v3 failed`, { cause }), {
      url: `http://ck:${SECRET}@k/v3?pw=${SECRET}`,
    });
    logger.error({ err: error }, 'HTTP API request failed');
    expect(lines[0]).not.toContain(SECRET);
    const { err } = JSON.parse(lines[0] ?? '{}') as { err: Record<string, string> };
    expect(err.type).toBe('Error');
    expect(err.message).toBe('Keystone at http://k/v3 failed: Invalid URL');
    expect(err.url).toBe('http://k/v3');
    expect(err.stack).toContain('caused by: TypeError: Invalid URL');
  });

  it('logs what JSON would (a Date as ISO text, a URL as its href), redacted', () => {
    const { logger, lines } = recordingLogger();
    logger.info({ at: new Date('2026-01-04T00:00:00Z'), url: new URL(`http://u:${SECRET}@h/x?pw=1`) }, 'x');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ at: '2026-01-04T00:00:00.000Z', url: 'http://h/x' });
  });

  it('redactText leaves ordinary text alone', () => {
    const text = "Collection loop started for scope 'p1' at 127.0.0.1:9090 (count(x @ 1767229200))";
    expect(redactText(text)).toBe(text);
  });
});
