import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';

export interface TlsOptions {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecure?: boolean;
}

/** A keep-alive connection pool with the session's TLS settings; files are read once, here. */
export function createDispatcher(tls: TlsOptions, connections = 16): Agent {
  const read = (path: string | undefined, option: string) => {
    if (path === undefined) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      throw new KeystoneConfigError(option, `cannot read ${path} (${code})`, { cause: error });
    }
  };
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    connect: {
      ca: read(tls.caFile, 'cafile'),
      cert: read(tls.certFile, 'certfile'),
      key: read(tls.keyFile, 'keyfile'),
      rejectUnauthorized: tls.insecure !== true,
    },
  });
}
