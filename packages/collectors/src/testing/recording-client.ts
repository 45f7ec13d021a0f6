import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';

/** Records every instant query the client sends (in order), so tests can count queries per mode. */
export function recordQueries(client: PrometheusClientBase): string[] {
  const queries: string[] = [];
  const getInstant = client.getInstant.bind(client);
  client.getInstant = (query, options) => {
    queries.push(query);
    return getInstant(query, options);
  };
  return queries;
}
