import { writeFile } from 'node:fs/promises';

/**
 * Prometheus only serves the backfilled blocks; nothing is scraped, so the file just has to be valid.
 * JSON is valid YAML.
 */
export async function writePrometheusConfig(file: string): Promise<void> {
  const config = { global: { scrape_interval: '1m', evaluation_interval: '1m' }, scrape_configs: [] };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
}
