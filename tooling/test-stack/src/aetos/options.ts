import type { ServiceUserCredentials } from './keystone/token-validator.js';

export type AetosVersion = '2.0' | '1.0';

export interface StartAetosGatewayOptions {
  keystone: {
    /** Keystone's v3 URL, e.g. http://127.0.0.1:5000/v3. */
    authUrl: string;
    /** The gateway's own credentials, used to validate callers' tokens (needs role service or admin). */
    serviceUser: ServiceUserCredentials;
    /**
     * keystonemiddleware's `www_authenticate_uri`, sent in `WWW-Authenticate: Keystone uri="…"` with every 401;
     * default: authUrl without its version, as devstack configures it (`http://host/identity`).
     */
    wwwAuthenticateUri?: string;
  };
  /** The real Prometheus base, e.g. http://127.0.0.1:9090 (not …/api/v1): queries go to …/api/v1/query. */
  prometheusUrl: string;
  /**
   * Where the API answers besides the root: a reverse proxy publishes Aetos under a prefix (devstack:
   * `/prometheus`). Default `['', '/prometheus']`. Any path is Aetos' once a prefix is stripped, so unknown
   * paths get Aetos' 401/404, never a proxy's page.
   */
  pathPrefixes?: string[];
  /**
   * Aetos' `[prometheus] project_label_name`, the label a reader's queries and selectors are restricted to;
   * default 'project'. Aetos 1.0 has no such option: with version '1.0' it is always 'project'.
   */
  projectLabel?: string;
  /**
   * keystonemiddleware's `token_cache_time`: a successful validation is reused this long (never past the
   * token's expiry), also while Keystone is unreachable; default 300. 0 disables the cache.
   */
  validationCacheSeconds?: number;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** '2.0' (2026.1, default) takes `query`, `time`, `timeout`; '1.0' (2025.2) takes `query` only. */
  version?: AetosVersion;
  /** Serve /__test__/requests, /__test__/reset and /__test__/failure (not part of Aetos' API); default true. */
  testEndpoints?: boolean;
}

export interface AetosGatewaySettings {
  authUrl: string;
  serviceUser: ServiceUserCredentials;
  wwwAuthenticateUri: string;
  prometheusUrl: string;
  pathPrefixes: string[];
  projectLabel: string;
  validationCacheSeconds: number;
  port: number | undefined;
  version: AetosVersion;
  testEndpoints: boolean;
}

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validates and normalises the options once; everything inside works on the result. */
export function normaliseGatewayOptions(options: StartAetosGatewayOptions): AetosGatewaySettings {
  const authUrl = options.keystone.authUrl.replace(/\/+$/, '');
  const prometheusUrl = options.prometheusUrl.replace(/\/+$/, '');
  if (/\/api\/v1$/.test(prometheusUrl)) {
    throw new Error(
      `startAetosGateway: prometheusUrl is Prometheus' base URL, without /api/v1 (got ${options.prometheusUrl})`,
    );
  }
  const projectLabel = options.projectLabel ?? 'project';
  if (!LABEL_NAME.test(projectLabel)) {
    // python-observabilityclient raises the same way for a label name Prometheus 2 would not accept
    throw new Error(`startAetosGateway: projectLabel ${JSON.stringify(projectLabel)} is not a label name`);
  }
  const validationCacheSeconds = options.validationCacheSeconds ?? 300;
  if (!(validationCacheSeconds >= 0)) {
    throw new Error(`startAetosGateway: validationCacheSeconds must be >= 0, got ${validationCacheSeconds}`);
  }
  const pathPrefixes = [
    ...new Set(
      (options.pathPrefixes ?? ['', '/prometheus']).map((prefix) => {
        const trimmed = prefix.replace(/\/+$/, '');
        return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
      }),
    ),
  ].sort((a, b) => b.length - a.length); // longest first: the most specific prefix is stripped
  return {
    authUrl,
    serviceUser: options.keystone.serviceUser,
    wwwAuthenticateUri: (options.keystone.wwwAuthenticateUri ?? authUrl.replace(/\/v3$/, '')).replace(
      /\/+$/,
      '',
    ),
    prometheusUrl,
    pathPrefixes,
    // 1.0.0 builds PromQLRbac(client, project_id): python-observabilityclient's default label, 'project'
    projectLabel: options.version === '1.0' ? 'project' : projectLabel,
    validationCacheSeconds,
    port: options.port,
    version: options.version ?? '2.0',
    testEndpoints: options.testEndpoints ?? true,
  };
}
