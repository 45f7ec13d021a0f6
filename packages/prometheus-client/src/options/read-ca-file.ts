import { readFileSync } from 'node:fs';
import { PrometheusClientOptionsError } from '../errors/PrometheusClientOptionsError.js';

/** Read once at construction, so a wrong path fails there and not on the first query. */
export function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new PrometheusClientOptionsError('caFile', `cannot read ${path}${code}`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new PrometheusClientOptionsError('caFile', `${path} holds no PEM certificate`);
  }
  return pem;
}
