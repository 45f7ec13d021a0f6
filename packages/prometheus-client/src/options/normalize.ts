import { readTlsFiles, TlsFileError } from '@kitty-collect/http-request';
import { PrometheusClientOptionsError } from '../errors/prometheus-client-options-error.js';
import { prometheusClientOptionsSchema } from './schema.js';

/** Everything the client needs, checked and converted once. */
export interface NormalizedClientOptions {
  /** API base without a trailing slash and without credentials. */
  url: string;
  credentials: { username: string; password: string } | undefined;
  /** The CA bundle (PEM), read once here, so that a wrong path fails now and not at the first query. */
  ca: string | undefined;
  rejectUnauthorized: boolean;
  timeoutSeconds: number;
  retries: number;
  maxConnections: number;
  compression: boolean;
}

export function normalizeClientOptions(input: unknown): NormalizedClientOptions {
  const result = prometheusClientOptionsSchema.safeParse(input);
  if (!result.success) {
    const [issue] = result.error.issues;
    // An unknown key has an empty path: name the key itself (a typo like `passwd`).
    if (issue?.code === 'unrecognized_keys') {
      throw new PrometheusClientOptionsError(issue.keys.join('", "'), 'is not a PrometheusClient option');
    }
    throw new PrometheusClientOptionsError(
      String(issue?.path[0] ?? 'options'),
      issue?.message ?? 'is invalid',
    );
  }
  const options = result.data;
  return {
    url: options.url,
    credentials:
      options.username !== undefined && options.password !== undefined
        ? { username: options.username, password: options.password }
        : undefined,
    ca: readCaFile(options.caFile),
    rejectUnauthorized: !options.insecure,
    timeoutSeconds: options.timeout,
    retries: options.retries,
    maxConnections: options.maxConnections,
    compression: options.compression,
  };
}

function readCaFile(caFile: string | undefined): string | undefined {
  if (caFile === undefined) return undefined;
  try {
    return String(readTlsFiles({ caFile }).ca);
  } catch (error) {
    if (error instanceof TlsFileError)
      throw new PrometheusClientOptionsError('caFile', error.problem, { cause: error });
    throw error;
  }
}
