import { type KeystonePasswordAuth, keystonePasswordSection } from '../../testing/service-files.js';

export interface ServiceConfOptions {
  /** Straight to Prometheus (an API URL, …/api/v1), or through Aetos with these credentials. */
  collector: { prometheusUrl: string } | { aetos: KeystonePasswordAuth };
  /** `[fetcher] backend = source` with these scopes, or a whole fetcher block as written. */
  fetcher: { sources: readonly string[] } | { sections: string };
  /** `[collect] period`; default 3600. */
  period?: number;
  /** Default `store.sqlite` (next to the file). */
  storagePath?: string;
  /** More `[kitty_collect]` lines. */
  kittyCollect?: string;
  /** `[storage]` and its backend's section as written (PostgreSQL replicas); default SQLite at `storagePath`. */
  storage?: string;
  /** `[DEFAULT] auth_strategy`; default `noauth`. */
  authStrategy?: 'keystone' | 'noauth';
}

/** A cloudkitty.conf over metrics.yml next to it, `wait_periods = 0`, `log_level = error`. */
export function serviceConf(options: ServiceConfOptions): string {
  const collector =
    'prometheusUrl' in options.collector
      ? `[collect]\ncollector = prometheus\n`
      : `[collect]\ncollector = aetos\n`;
  const connection =
    'prometheusUrl' in options.collector
      ? `[collector_prometheus]\nprometheus_url = ${options.collector.prometheusUrl}\n`
      : `[collector_aetos]\nauth_section = keystone_authtoken\ninterface = public\nregion_name = RegionOne\n\n${keystonePasswordSection('keystone_authtoken', options.collector.aetos)}`;
  const fetcher =
    'sources' in options.fetcher
      ? `[fetcher]\nbackend = source\n\n[fetcher_source]\nsources = ${options.fetcher.sources.join(',')}\n`
      : options.fetcher.sections;
  // The API of these services is open: tests of Keystone on the API write their own [keystone_authtoken].
  return `[DEFAULT]
auth_strategy = ${options.authStrategy ?? 'noauth'}

${collector}period = ${options.period ?? 3600}
wait_periods = 0
metrics_conf = metrics.yml

${connection}
${fetcher}
[kitty_collect]
storage_path = ${options.storagePath ?? 'store.sqlite'}
log_level = error
${options.kittyCollect ?? ''}
${options.storage ?? ''}`;
}
