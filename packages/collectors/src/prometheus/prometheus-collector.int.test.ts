import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CollectError, parseMetricsConf } from '@kitty-collect/collector-base';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { createCollector } from '../create-collector.js';
import { alpha, beta, defineRatingMatrix, end, recordingLogger, start } from '../testing/rating-matrix.js';
import { PrometheusCollector } from './prometheus-collector.js';

const apiUrl = inject('prometheusApiUrl');

function collectorFor(yamlText: string, url = apiUrl, timeout = 10) {
  const { logger, warnings } = recordingLogger();
  const collector = new PrometheusCollector({
    period: 3600,
    conf: parseMetricsConf(yamlText),
    prometheus: { url, timeout, retries: 0 },
    logger,
  });
  return { collector, warnings };
}

describe('PrometheusCollector against a real Prometheus', () => {
  defineRatingMatrix((yamlText) => collectorFor(yamlText));

  it('reports the unknown range function irange (listed by CloudKitty, absent from PromQL) as a bad_data CollectError', async () => {
    const { collector } = collectorFor(
      'metrics: {ceilometer_cpu: {unit: ns, extra_args: {range_function: irange}}}',
    );
    const failure = collector.fetchAll('ceilometer_cpu', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(/^bad_data: .*irange/);
  });

  it('reports bad PromQL as "bad_data: …" naming the query', async () => {
    const { collector } = collectorFor(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "sum("}}}',
    );
    const failure = collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(
      /^bad_data: .*parse error.*\(HTTP 400, query 'sum\( max\(max_over_time\(linear_gauge/,
    );
  });

  it('reports an execution error (HTTP 422)', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}}}`;
    const failure = collectorFor(yaml).collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toThrow(/^execution: .*duplicate series.*\(HTTP 422, query /);
  });

  it('reports a result that is not an instant vector', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "scalar(", query_suffix: ")"}}}`;
    const failure = collectorFor(yaml).collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toThrow('expected an instant vector from the query, got a scalar');
  });

  it('reports connection refused naming the URL, as a CollectError', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { collector } = collectorFor(
      'metrics: {linear_gauge: {unit: u}}',
      `http://127.0.0.1:${port}/api/v1`,
    );
    const failure = collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(`127.0.0.1:${port}/api/v1/query`);
    await expect(failure).rejects.toThrow('ECONNREFUSED');
  });

  it('reports an HTML page from a proxy as an invalid response', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { collector } = collectorFor(
        'metrics: {linear_gauge: {unit: u}}',
        `http://127.0.0.1:${port}/api/v1`,
      );
      const failure = collector.fetchAll('linear_gauge', start, end, alpha);
      await expect(failure).rejects.toBeInstanceOf(CollectError);
      await expect(failure).rejects.toThrow(/^invalid_response: .*text\/html.*Bad Gateway/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function withServer(
    handler: Parameters<typeof createServer>[1],
    run: (url: string) => Promise<void>,
  ): Promise<void> {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://127.0.0.1:${port}/api/v1`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('reports a success body of the wrong shape as an invalid response', async () => {
    await withServer(
      (_request, response) => {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}');
      },
      async (url) => {
        const failure = collectorFor('metrics: {linear_gauge: {unit: u}}', url).collector.fetchAll(
          'linear_gauge',
          start,
          end,
          alpha,
        );
        await expect(failure).rejects.toBeInstanceOf(CollectError);
        await expect(failure).rejects.toThrow(/^invalid_response: .*value/);
      },
    );
  });

  it('reports a timeout naming the URL and the limit', async () => {
    await withServer(
      () => {
        // never answers
      },
      async (url) => {
        const failure = collectorFor('metrics: {linear_gauge: {unit: u}}', url, 1).collector.fetchAll(
          'linear_gauge',
          start,
          end,
          alpha,
        );
        await expect(failure).rejects.toBeInstanceOf(CollectError);
        await expect(failure).rejects.toThrow(
          new RegExp(`${url.replaceAll('.', '\\.')}/query.*1 s|1 s.*${url.replaceAll('.', '\\.')}`),
        );
      },
    );
  });

  it('is what createCollector("prometheus") builds', async () => {
    const collector = createCollector('prometheus', {
      period: 3600,
      conf: parseMetricsConf('metrics: {linear_gauge: {unit: u}}'),
      prometheus: { url: apiUrl },
    });
    expect(collector).toBeInstanceOf(PrometheusCollector);
    expect(collector.collectorName).toBe('prometheus');
    expect(
      (await collector.fetchAll('linear_gauge', start, end, beta)).map((point) => point.toJSON().vol.qty),
    ).toEqual(['240']);
  });
});
