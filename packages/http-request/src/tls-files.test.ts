import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TlsFileError } from './errors/tls-file-error.js';
import { readTlsFiles } from './tls-files.js';

const dir = mkdtempSync(join(tmpdir(), 'kitty-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n';

function tlsFileError(run: () => unknown): TlsFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof TlsFileError) return error;
    throw error;
  }
  throw new Error('expected a TlsFileError');
}

describe('readTlsFiles', () => {
  it('reads the CA bundle, certificate and key once, and turns insecure into rejectUnauthorized', () => {
    const ca = file('ca.pem', CERT);
    const cert = file('cert.pem', CERT);
    const key = file('key.pem', KEY);
    expect(readTlsFiles({ caFile: ca, certFile: cert, keyFile: key })).toEqual({
      rejectUnauthorized: true,
      ca: CERT,
      cert: CERT,
      key: KEY,
    });
    expect(readTlsFiles({ insecure: true })).toEqual({ rejectUnauthorized: false });
  });

  it('names an unreadable file, its role and the system code', () => {
    const missing = join(dir, 'missing.pem');
    const error = tlsFileError(() => readTlsFiles({ caFile: missing }));
    expect(error).toMatchObject({ role: 'ca', file: missing, problem: `cannot read ${missing} (ENOENT)` });
    expect(error.message).toBe(`TLS ca file: cannot read ${missing} (ENOENT)`);
  });

  it('refuses a file without a PEM block of its kind', () => {
    const notPem = file('not.pem', 'hello');
    expect(tlsFileError(() => readTlsFiles({ caFile: notPem })).problem).toBe(
      `${notPem} holds no PEM certificate`,
    );
    const cert = file('cert2.pem', CERT);
    expect(tlsFileError(() => readTlsFiles({ certFile: cert, keyFile: cert })).problem).toBe(
      `${cert} holds no PEM private key`,
    );
  });

  it('refuses a key without its certificate', () => {
    const key = file('key2.pem', KEY);
    expect(tlsFileError(() => readTlsFiles({ keyFile: key }))).toMatchObject({
      role: 'key',
      problem: 'a client key needs its certificate (certfile)',
    });
  });
});
