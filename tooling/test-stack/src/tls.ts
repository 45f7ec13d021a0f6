import { join } from 'node:path';
import { runToCompletion } from './process/run.js';

export interface SelfSignedCertificate {
  /** PEM certificate; it is its own CA, so clients trust it by using this file as their CA bundle. */
  certFile: string;
  keyFile: string;
}

/**
 * Creates a throw-away certificate for 127.0.0.1 with the openssl CLI (always present next to Prometheus on
 * Debian), so no crypto dependency is needed. P-256 keeps generation in the milliseconds.
 */
export async function createSelfSignedCertificate(dir: string): Promise<SelfSignedCertificate> {
  const certFile = join(dir, 'tls-cert.pem');
  const keyFile = join(dir, 'tls-key.pem');
  const bin = process.env.KITTY_OPENSSL_BIN || 'openssl';
  // biome-ignore format: one option per line reads better
  const args = [
    'req', '-x509', '-nodes',
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', keyFile, '-out', certFile,
    '-days', '3650',
    '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:TRUE',
  ];
  await runToCompletion(bin, args, { logFile: join(dir, 'openssl.log') });
  return { certFile, keyFile };
}
