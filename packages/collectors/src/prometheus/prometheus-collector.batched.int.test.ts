import { parseMetricsConf } from '@kitty-collect/collector-base';
import { PrometheusClient } from '@kitty-collect/prometheus-client';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, inject } from 'vitest';
import { defineBatchEqualityMatrix } from '../testing/batch-equality-matrix.js';
import { recordingLogger } from '../testing/rating-matrix.js';
import { recordQueries } from '../testing/recording-client.js';
import { PrometheusCollector } from './prometheus-collector.js';

const apiUrl = inject('prometheusApiUrl');

function collectorFor(yamlText: string) {
  const { logger, warnings } = recordingLogger();
  const client = new PrometheusClient({ url: apiUrl, timeout: 10, retries: 0 });
  const queries = recordQueries(client);
  const collector = new PrometheusCollector({
    period: 3600,
    conf: parseMetricsConf(yamlText),
    client,
    logger,
  });
  return { collector, warnings, queries };
}

describe('PrometheusCollector.fetchAllBatched against a real Prometheus', () => {
  defineBatchEqualityMatrix(collectorFor);
});
