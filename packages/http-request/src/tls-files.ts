import { readFileSync } from 'node:fs';
import type { TlsOptions } from './dispatcher.js';
import { TlsFileError, type TlsFileRole } from './errors/tls-file-error.js';

export interface TlsFiles {
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** Skip certificate verification. */
  insecure?: boolean | undefined;
}

/** What each file must hold, so that a wrong file fails when the client is made, not at its first request. */
const PEM_MARKERS: Readonly<Record<TlsFileRole, { marker: RegExp; what: string }>> = {
  ca: { marker: /-----BEGIN CERTIFICATE-----/, what: 'PEM certificate' },
  cert: { marker: /-----BEGIN CERTIFICATE-----/, what: 'PEM certificate' },
  key: { marker: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'PEM private key' },
};

/**
 * The dispatcher's TLS options from file paths, read once, now. A file that cannot be read or holds no
 * PEM block of its kind is a TlsFileError naming the file and its role; a key needs its certificate.
 */
export function readTlsFiles(files: TlsFiles): TlsOptions {
  if (files.keyFile !== undefined && files.certFile === undefined) {
    throw new TlsFileError({
      role: 'key',
      file: files.keyFile,
      problem: 'a client key needs its certificate (certfile)',
    });
  }
  const tls: TlsOptions = { rejectUnauthorized: files.insecure !== true };
  if (files.caFile !== undefined) tls.ca = readPem('ca', files.caFile);
  if (files.certFile !== undefined) tls.cert = readPem('cert', files.certFile);
  if (files.keyFile !== undefined) tls.key = readPem('key', files.keyFile);
  return tls;
}

function readPem(role: TlsFileRole, file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new TlsFileError({ role, file, problem: `cannot read ${file} (${code})`, cause: error });
  }
  const { marker, what } = PEM_MARKERS[role];
  if (!marker.test(pem)) throw new TlsFileError({ role, file, problem: `${file} holds no ${what}` });
  return pem;
}
