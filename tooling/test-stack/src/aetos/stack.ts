import {
  type KeystoneEndpointSpec,
  type KeystoneFixtures,
  type RunningKeystone,
  type StartKeystoneOptions,
  setMetricStorageEndpoints,
  startKeystone,
} from '../keystone/index.js';
import {
  type RunningPrometheus,
  type StartPrometheusOptions,
  startPrometheus,
} from '../prometheus/launcher.js';
import { type RunningAetosGateway, startAetosGateway } from './gateway.js';
import type { AetosVersion, StartAetosGatewayOptions } from './options.js';

export interface StartAetosStackOptions {
  /** Default: the default dataset on a free port. */
  prometheus?: StartPrometheusOptions;
  /** Default: startKeystone() defaults. The metric-storage catalog is replaced with the gateway's endpoints. */
  keystone?: Omit<StartKeystoneOptions, 'metricStorageEndpoints'>;
  /** Gateway options; projectLabel defaults to 'project_id' here (the label the default dataset uses). */
  gateway?: Omit<StartAetosGatewayOptions, 'keystone' | 'prometheusUrl'>;
  /** Shortcut for gateway.projectLabel (default here: 'project_id'). */
  projectLabel?: string;
  /** Shortcut for gateway.version; default `aetosVersionUnderTest()` ('2.0' unless the environment says). */
  version?: AetosVersion;
}

/** The environment variable that makes `startAetosStack` answer as another Aetos release by default. */
export const AETOS_VERSION_VARIABLE = 'KITTY_COLLECT_TEST_AETOS_VERSION';

/**
 * The Aetos release test stacks answer as unless told: `KITTY_COLLECT_TEST_AETOS_VERSION` (`2.0` or
 * `1.0`), default `2.0`. Test configurations run the Aetos suites once per release with it.
 */
export function aetosVersionUnderTest(env: NodeJS.ProcessEnv = process.env): AetosVersion {
  const value = env[AETOS_VERSION_VARIABLE];
  if (value === undefined || value === '') return '2.0';
  if (value === '2.0' || value === '1.0') return value;
  throw new Error(`${AETOS_VERSION_VARIABLE} must be 2.0 or 1.0, got ${JSON.stringify(value)}`);
}

/**
 * vitest `projects` running a package's tests once as usual (Aetos 2.0) and its Aetos suites `aetosSuites`
 * once more against a gateway answering as Aetos 1.0 (through `KITTY_COLLECT_TEST_AETOS_VERSION`).
 */
export function aetosReleaseProjects(aetosSuites: string[], include = ['src/**/*.test.ts']) {
  return [
    { extends: true, test: { name: 'aetos 2.0', include } },
    {
      extends: true,
      test: { name: 'aetos 1.0', include: aetosSuites, env: { [AETOS_VERSION_VARIABLE]: '1.0' } },
    },
  ];
}

/** What a vitest global setup can hand to test workers (JSON-serialisable). */
export interface AetosStackInfo {
  /** e.g. http://127.0.0.1:41234/api/v1 — the real Prometheus behind the gateway. */
  prometheusApiUrl: string;
  /** e.g. http://127.0.0.1:35357/v3 */
  keystoneAuthUrl: string;
  /** The gateway's base URL (no prefix); its API also answers under /prometheus. */
  gatewayUrl: string;
  fixtures: KeystoneFixtures;
}

/** Another name for RunningAetosStack. */
export type AetosStack = RunningAetosStack;

export interface RunningAetosStack {
  prometheus: RunningPrometheus;
  keystone: RunningKeystone;
  gateway: RunningAetosGateway;
  info(): AetosStackInfo;
  /** Stops the gateway, then Keystone and Prometheus. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The metric-storage catalog entries pointing at a gateway: clients append /api/v1/query to whatever URL the
 * catalog holds, with or without devstack's /prometheus prefix. RegionTwo has no admin endpoint.
 */
export function aetosCatalogEndpoints(gateway: Pick<RunningAetosGateway, 'url'>): KeystoneEndpointSpec[] {
  return [
    { interface: 'public', region: 'RegionOne', url: gateway.url('/prometheus') },
    { interface: 'internal', region: 'RegionOne', url: gateway.url() },
    { interface: 'admin', region: 'RegionOne', url: gateway.url('/prometheus') },
    { interface: 'public', region: 'RegionTwo', url: gateway.url('/prometheus') },
    { interface: 'internal', region: 'RegionTwo', url: gateway.url('/prometheus') },
  ];
}

/**
 * An Aetos-compatible gateway in front of `prometheus`, validating tokens with `keystone` as `svc-only` (role
 * service on project service: the least privilege that may validate other users' tokens under Keystone's
 * default policy), and registered in Keystone's catalog as metric-storage (see aetosCatalogEndpoints).
 */
export async function startAetosGatewayInCatalog(
  keystone: RunningKeystone,
  prometheus: Pick<RunningPrometheus, 'baseUrl'>,
  options: Omit<StartAetosGatewayOptions, 'keystone' | 'prometheusUrl'>,
): Promise<RunningAetosGateway> {
  const svcOnly = keystone.fixtures.users.svcOnly;
  const gateway = await startAetosGateway({
    ...options,
    keystone: {
      authUrl: keystone.authUrl,
      serviceUser: {
        username: svcOnly.name,
        password: svcOnly.password,
        domain: svcOnly.domainName,
        project: keystone.fixtures.projects.service.name,
      },
    },
    prometheusUrl: prometheus.baseUrl,
  });
  try {
    await setMetricStorageEndpoints(keystone, aetosCatalogEndpoints(gateway));
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  return gateway;
}

/**
 * A real Prometheus (default dataset) and a real Keystone, started in parallel, then the gateway in front of
 * them (startAetosGatewayInCatalog).
 */
export async function startAetosStack(options: StartAetosStackOptions = {}): Promise<RunningAetosStack> {
  const [prometheusStart, keystoneStart] = await Promise.allSettled([
    startPrometheus(options.prometheus),
    startKeystone(options.keystone),
  ]);
  const prometheus = prometheusStart.status === 'fulfilled' ? prometheusStart.value : undefined;
  const keystone = keystoneStart.status === 'fulfilled' ? keystoneStart.value : undefined;
  let gateway: RunningAetosGateway | undefined;
  const stopAll = async () => {
    await gateway?.stop();
    await Promise.all([keystone?.stop(), prometheus?.stop()]);
  };
  try {
    if (prometheusStart.status === 'rejected') throw prometheusStart.reason;
    if (keystoneStart.status === 'rejected') throw keystoneStart.reason;
    if (!prometheus || !keystone) throw new Error('unreachable');
    gateway = await startAetosGatewayInCatalog(keystone, prometheus, {
      projectLabel: options.projectLabel ?? 'project_id',
      version: options.version ?? aetosVersionUnderTest(),
      ...options.gateway,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const running = { prometheus, keystone, gateway };
  let stopping: Promise<void> | undefined;
  return {
    ...running,
    info: () => ({
      prometheusApiUrl: prometheus.apiUrl,
      keystoneAuthUrl: keystone.authUrl,
      gatewayUrl: running.gateway.baseUrl,
      fixtures: keystone.fixtures,
    }),
    stop() {
      stopping ??= stopAll();
      return stopping;
    },
  };
}
