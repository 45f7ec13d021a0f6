// The library example of the README: the Prometheus collector on its own, without the service.
// From the repository root, with a Prometheus holding the sample data (node examples/sample-prometheus.mjs):
//   node examples/library.mjs
// PROMETHEUS_URL selects another Prometheus API base (default http://127.0.0.1:9090/api/v1).
// The imports resolve through examples/package.json (a workspace package): in your own project,
// depend on @kitty-collect/collector-base and @kitty-collect/collectors.
import { fileURLToPath } from 'node:url';
import { loadMetricsConf } from '@kitty-collect/collector-base';
import { PrometheusCollector } from '@kitty-collect/collectors';

const collector = new PrometheusCollector({
  period: 3600,
  conf: await loadMetricsConf(fileURLToPath(new URL('./metrics.yml', import.meta.url))),
  prometheus: { url: process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090/api/v1' },
});

// One hour of one project of the sample data.
const start = new Date('2026-01-04T01:00:00Z');
const end = new Date('2026-01-04T02:00:00Z');
const project = '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d';

// collector.conf is keyed by CloudKitty's internal keys: `name`, or `name@#alt_name`.
for (const key of Object.keys(collector.conf)) {
  const points = await collector.fetchAll(key, start, end, project);
  console.log(`${key}: ${points.length} points`);
  for (const point of points) console.log(`  ${JSON.stringify(point.toJSON())}`);
}
