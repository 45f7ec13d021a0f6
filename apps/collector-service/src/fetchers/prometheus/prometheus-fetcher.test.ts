import { type HttpResponse, PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import { PrometheusFetcher } from './prometheus-fetcher.js';

/** Answers every query with one recorded body, and keeps the parameters it was sent. */
class RecordedClient extends PrometheusClientBase {
  readonly sent: Record<string, string>[] = [];
  readonly #body: unknown;

  constructor(body: unknown) {
    super();
    this.#body = body;
  }

  protected override async get(_endpoint: string, params: Record<string, string>): Promise<HttpResponse> {
    this.sent.push(params);
    return {
      status: 200,
      url: 'http://recorded/api/v1/query',
      body: JSON.stringify(this.#body),
      header: (name) => (name === 'content-type' ? 'application/json' : undefined),
    };
  }
}

const vector = (labels: Record<string, string>[]) => ({
  status: 'success',
  data: { resultType: 'vector', result: labels.map((metric) => ({ metric, value: [1767488400, '1'] })) },
});

describe('PrometheusFetcher (recorded answers)', () => {
  it('sends the query at `now` and returns distinct, non-empty label values, sorted', async () => {
    const client = new RecordedClient(
      vector([{ project_id: 'b' }, { project_id: 'a' }, { project_id: '' }, {}, { project_id: 'b' }]),
    );
    const fetcher = new PrometheusFetcher({
      client,
      metric: 'ceilometer_cpu',
      scopeAttribute: 'project_id',
      filters: { flavor_name: 'm1.small' },
      now: () => new Date('2026-01-04T01:00:00Z'),
    });
    expect(await fetcher.getScopes()).toEqual(['a', 'b']);
    expect(client.sent).toEqual([
      {
        query: 'max(ceilometer_cpu{flavor_name="m1.small"}) by (project_id)',
        time: '2026-01-04T01:00:00.000Z',
      },
    ]);
  });

  it('finding no scope, says why: the query at the current time, where it went, what answered', async () => {
    const options = {
      metric: 'ceilometer_cpu',
      scopeAttribute: 'project_id',
      filters: {},
      where: 'http://prom:9090/api/v1',
      now: () => new Date('2026-12-01T10:00:00Z'),
    };
    const none = new PrometheusFetcher({ client: new RecordedClient(vector([])), ...options });
    expect(await none.getScopes()).toEqual([]);
    expect(none.emptyReason).toBe(
      "'max(ceilometer_cpu) by (project_id)' at the current time (2026-12-01T10:00:00.000Z) on http://prom:9090/api/v1 returned no series: a Prometheus without a sample of ceilometer_cpu in the last 5 minutes (its default lookback) carrying project_id returns nothing",
    );
    const unlabelled = new PrometheusFetcher({ client: new RecordedClient(vector([{}, {}])), ...options });
    expect(await unlabelled.getScopes()).toEqual([]);
    expect(unlabelled.emptyReason).toContain('returned 2 series, none with a project_id label:');
    const some = new PrometheusFetcher({
      client: new RecordedClient(vector([{ project_id: 'a' }])),
      ...options,
    });
    expect(await some.getScopes()).toEqual(['a']);
    expect(some.emptyReason).toBeUndefined();
  });

  it('refuses an answer that is not an instant vector', async () => {
    const client = new RecordedClient({
      status: 'success',
      data: { resultType: 'scalar', result: [1, '1'] },
    });
    const fetcher = new PrometheusFetcher({ client, metric: 'm', scopeAttribute: 'p', filters: {} });
    const error: unknown = await fetcher.getScopes().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ScopeFetchError);
    expect((error as ScopeFetchError).message).toBe(
      "The prometheus scope fetcher failed: expected an instant vector for 'max(m) by (p)', got a scalar",
    );
  });

  it('wraps an error answer', async () => {
    const client = new RecordedClient({ status: 'error', errorType: 'execution', error: 'too many samples' });
    const fetcher = new PrometheusFetcher({ client, metric: 'm', scopeAttribute: 'p', filters: {} });
    await expect(fetcher.getScopes()).rejects.toThrow(
      /^The prometheus scope fetcher failed: .*too many samples/,
    );
  });
});
