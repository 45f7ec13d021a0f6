import { type HttpResponse, RequestTimeoutError, TransportError } from '@kitty-collect/http-request';
import { describe, expect, it } from 'vitest';
import { PrometheusAbortError } from './errors/prometheus-abort-error.js';
import { PrometheusConnectionError } from './errors/prometheus-connection-error.js';
import { PrometheusError } from './errors/prometheus-error.js';
import { PrometheusQueryOptionsError } from './errors/prometheus-query-options-error.js';
import { PrometheusResponseError } from './errors/prometheus-response-error.js';
import { PrometheusTimeoutError } from './errors/prometheus-timeout-error.js';
import type { TransportOptions } from './prometheus-client-base.js';
import { PrometheusClientBase } from './prometheus-client-base.js';
import { encodeQueryParams, type QueryParams } from './query/params.js';
import type { ResponseBody } from './response/body.js';
import type { ErrorDescription } from './response/describe-error-body.js';
import { isEvaluationTimeout } from './response/evaluation-timeout.js';
import { type RecordedBody, recordedBody } from './testing/recorded-bodies.js';

const URL_BASE = 'http://127.0.0.1:9090/api/v1';

/** What a scripted transport answers: the parts of a response the base reads. */
interface Reply {
  status: number;
  url: string;
  body: string;
  contentType?: string | undefined;
  requestId?: string;
}

function httpResponse({ status, url, body, contentType, requestId }: Reply): HttpResponse {
  const headers: Record<string, string | undefined> = {
    'content-type': contentType,
    'x-request-id': requestId,
  };
  return { status, url, body, header: (name) => headers[name] };
}

interface Call {
  endpoint: string;
  params: QueryParams;
  options: TransportOptions;
}

/** A transport that answers from a script and records what it was asked. */
class ScriptedClient extends PrometheusClientBase {
  readonly calls: Call[] = [];
  constructor(private readonly answer: (call: Call) => Promise<Reply> | Reply) {
    super();
  }
  protected override async get(
    endpoint: string,
    params: QueryParams,
    options: TransportOptions,
  ): Promise<HttpResponse> {
    const call = { endpoint, params, options };
    this.calls.push(call);
    return httpResponse(await this.answer(call));
  }
}

function answering(status: number, body: string, extra: Partial<Reply> = {}): ScriptedClient {
  return new ScriptedClient(({ endpoint }) => ({
    status,
    url: `${URL_BASE}/${endpoint}`,
    body,
    contentType: 'application/json',
    ...extra,
  }));
}

function recorded(status: number, name: RecordedBody): ScriptedClient {
  return answering(status, recordedBody(name));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function responseError(promise: Promise<unknown>): Promise<PrometheusResponseError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(PrometheusResponseError);
  return error as PrometheusResponseError;
}

describe('PrometheusClientBase requests', () => {
  it('has the CloudKitty endpoint names', () => {
    expect(PrometheusClientBase.INSTANT_QUERY_ENDPOINT).toBe('query');
    expect(PrometheusClientBase.RANGE_QUERY_ENDPOINT).toBe('query_range');
  });

  it('sends only the query when nothing else is set', async () => {
    const client = recorded(200, 'vector');
    await client.getInstant('up');
    expect(client.calls).toEqual([{ endpoint: 'query', params: { query: 'up' }, options: {} }]);
  });

  it('sends time as RFC 3339 and timeout as a Prometheus duration', async () => {
    const client = recorded(200, 'vector');
    await client.getInstant('up', { time: new Date('2026-01-04T01:00:00Z'), timeout: 30 });
    expect(client.calls[0]?.params).toEqual({
      query: 'up',
      time: '2026-01-04T01:00:00.000Z',
      timeout: '30s',
    });
  });

  it('sends unix seconds and verbatim strings as given', async () => {
    const client = recorded(200, 'vector');
    await client.getInstant('up', { time: 1767488400, timeout: '1m' });
    await client.getInstant('up', { time: '2026-01-04T01:00:00Z' });
    expect(client.calls.map((call) => call.params)).toEqual([
      { query: 'up', time: '1767488400', timeout: '1m' },
      { query: 'up', time: '2026-01-04T01:00:00Z' },
    ]);
  });

  it('passes the caller signal to the transport', async () => {
    const client = recorded(200, 'vector');
    const controller = new AbortController();
    await client.getInstant('up', { signal: controller.signal });
    expect(client.calls[0]?.options.signal).toBe(controller.signal);
  });

  it('sends start, end, step and timeout of a range query', async () => {
    const client = recorded(200, 'matrix');
    await client.getRange('linear_gauge', {
      start: new Date('2026-01-04T01:00:00Z'),
      end: 1767488700,
      step: 60,
      timeout: 0.5,
    });
    expect(client.calls).toEqual([
      {
        endpoint: 'query_range',
        params: {
          query: 'linear_gauge',
          start: '2026-01-04T01:00:00.000Z',
          end: '1767488700',
          step: '60s',
          timeout: '500ms',
        },
        options: {},
      },
    ]);
  });

  it('rejects bad arguments before any request, naming the argument', async () => {
    const client = recorded(200, 'vector');
    const empty = await rejection(client.getInstant('  '));
    expect(empty).toBeInstanceOf(PrometheusQueryOptionsError);
    expect((empty as PrometheusQueryOptionsError).option).toBe('query');
    expect((empty as Error).message).toBe(
      'Invalid query option "query": must be a non-empty PromQL expression',
    );
    const badTime = await rejection(client.getInstant('up', { time: new Date('nope') }));
    expect((badTime as PrometheusQueryOptionsError).option).toBe('time');
    const badStep = await rejection(client.getRange('up', { start: 0, end: 60, step: -1 }));
    expect((badStep as PrometheusQueryOptionsError).option).toBe('step');
    expect(client.calls).toEqual([]);
  });
});

describe('PrometheusClientBase success answers', () => {
  it('returns the data of an instant vector, values as strings', async () => {
    const data = await recorded(200, 'vector').getInstant('ceilometer_cpu');
    expect(data.resultType).toBe('vector');
    expect(data.resultType === 'vector' && data.result.map((sample) => sample.value[1])).toEqual([
      '108000000000000',
      '432000000000000',
    ]);
  });

  it('returns scalar and string data', async () => {
    expect(await recorded(200, 'scalar').getInstant('scalar(x)')).toEqual({
      resultType: 'scalar',
      result: [1767488400, '8.571428571428571'],
    });
    expect(await recorded(200, 'string').getInstant('"hello world"')).toEqual({
      resultType: 'string',
      result: [1767488400, 'hello world'],
    });
  });

  it('returns the matrix of a range query', async () => {
    const data = await recorded(200, 'matrix').getRange('linear_gauge', { start: 0, end: 1, step: 60 });
    expect(data.result[0]?.values[0]).toEqual([1767488400, '60']);
  });

  it('returns warnings with the whole answer', async () => {
    const body = JSON.stringify({
      status: 'success',
      data: { resultType: 'vector', result: [] },
      warnings: ['careful'],
    });
    expect(await answering(200, body).getInstantResponse('up')).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [] },
      warnings: ['careful'],
    });
  });
});

describe('PrometheusClientBase error mapping', () => {
  it('maps a recorded 400 bad_data', async () => {
    const error = await responseError(recorded(400, 'bad_data').getInstant('sum(rate(foo[5m])'));
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 400 bad_data: invalid parameter "query": 1:18: parse error: unclosed left parenthesis) for query 'sum(rate(foo[5m])' at ${URL_BASE}/query`,
    );
    expect(error).toMatchObject({
      name: 'PrometheusResponseError',
      status: 400,
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:18: parse error: unclosed left parenthesis',
      url: `${URL_BASE}/query`,
      query: 'sum(rate(foo[5m])',
      requestId: undefined,
    });
    expect(error).toBeInstanceOf(PrometheusError);
  });

  it('maps a recorded 422 execution error', async () => {
    const error = await responseError(recorded(422, 'execution').getInstant('a + on() group_left b'));
    expect(error.status).toBe(422);
    expect(error.errorType).toBe('execution');
    expect(error.error).toMatch(/^found duplicate series for the match group \{\} on the right hand-side/);
  });

  it("maps a recorded 503 evaluation timeout (Prometheus' own timeout, not the client's)", async () => {
    const error = await responseError(recorded(503, 'timeout').getRange('q', { start: 0, end: 1, step: 1 }));
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 503 timeout: query timed out in expression evaluation) for query 'q' at ${URL_BASE}/query_range`,
    );
  });

  it('maps an error envelope sent with HTTP 200', async () => {
    const error = await responseError(recorded(200, 'bad_data').getInstant('x'));
    expect([error.status, error.errorType]).toEqual([200, 'bad_data']);
  });

  it('maps an HTML page from a proxy, naming the content type and a trimmed snippet', async () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';
    const error = await responseError(answering(502, page, { contentType: 'text/html' }).getInstant('up'));
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 502 invalid_response: expected a JSON body, got text/html: "502 Bad Gateway 502 Bad Gateway nginx/1.22.1") for query 'up' at ${URL_BASE}/query`,
    );
  });

  it('maps a recorded text 404', async () => {
    const client = answering(404, recordedBody('notfound'), { contentType: 'text/plain; charset=utf-8' });
    const error = await responseError(client.getInstant('up'));
    expect(error.errorType).toBe('invalid_response');
    expect(error.error).toBe('expected a JSON body, got text/plain; charset=utf-8: "404 page not found"');
  });

  it('maps malformed JSON with a success status', async () => {
    const client = answering(200, '{"status":"success","data":{"resultType":"vector","result":[');
    const error = await responseError(client.getInstant('up'));
    expect(error.errorType).toBe('invalid_response');
    expect(error.error).toBe(
      'expected a JSON body, got application/json: "{"status":"success","data":{"resultType":"vector","result":["',
    );
  });

  it('maps JSON that fails the schema, naming the failing path', async () => {
    const body = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}}';
    const error = await responseError(answering(200, body).getInstant('up'));
    expect(error.errorType).toBe('invalid_response');
    expect(error.error).toBe(
      'response does not match the Prometheus API schema at data.result[0].value[1]: Invalid input: expected string, received number',
    );
  });

  it('maps a range query answered with a vector', async () => {
    const error = await responseError(recorded(200, 'vector').getRange('up', { start: 0, end: 1, step: 1 }));
    expect(error.errorType).toBe('invalid_response');
    expect(error.error).toMatch(/^response does not match the Prometheus API schema at data\.resultType: /);
  });

  it('maps a non-2xx without a recognisable body: JSON of another shape, and an empty body', async () => {
    const json = await responseError(answering(500, '{"message":"boom"}').getInstant('up'));
    expect([json.status, json.errorType, json.error]).toEqual([
      500,
      'invalid_response',
      'unexpected JSON body (application/json): {"message":"boom"}',
    ]);
    const empty = await responseError(answering(504, '', { contentType: undefined }).getInstant('up'));
    expect(empty.error).toBe('expected a JSON body, got an empty body (no content type)');
  });

  it('never shows credentials from the transport URL and reports the request id', async () => {
    const client = new ScriptedClient(() => ({
      status: 400,
      url: 'https://admin:s3cret@prom.example/api/v1/query',
      body: recordedBody('bad_data'),
      requestId: 'req-42',
    }));
    const error = await responseError(client.getInstant('up'));
    expect(error.url).toBe('https://prom.example/api/v1/query');
    expect(error.message).not.toContain('s3cret');
    expect(error.message).toMatch(/ at https:\/\/prom\.example\/api\/v1\/query \(request id req-42\)$/);
    expect(error.requestId).toBe('req-42');
  });

  it('lets a subclass interpret other error bodies', async () => {
    class ProxyClient extends ScriptedClient {
      protected override describeErrorBody(status: number, body: ResponseBody): ErrorDescription {
        if (
          body.kind === 'json' &&
          typeof body.value === 'object' &&
          body.value !== null &&
          'title' in body.value
        ) {
          return { errorType: `proxy_${status}`, error: String(body.value.title) };
        }
        return super.describeErrorBody(status, body);
      }
    }
    const proxy = new ProxyClient(() => ({
      status: 403,
      url: `${URL_BASE}/query`,
      body: '{"title":"Forbidden"}',
    }));
    const error = await responseError(proxy.getInstant('up'));
    expect([error.errorType, error.error]).toEqual(['proxy_403', 'Forbidden']);
    const fallback = new ProxyClient(() => ({
      status: 400,
      url: `${URL_BASE}/query`,
      body: recordedBody('bad_data'),
    }));
    expect((await responseError(fallback.getInstant('up'))).errorType).toBe('bad_data');
  });
});

describe('PrometheusClientBase transport failures', () => {
  it('passes PrometheusError subclasses from the transport through unchanged', async () => {
    const refused = new PrometheusConnectionError({
      url: `${URL_BASE}/query`,
      code: 'ECONNREFUSED',
      query: 'up',
    });
    const client = new ScriptedClient(() => Promise.reject(refused));
    expect(await rejection(client.getInstant('up'))).toBe(refused);
  });

  it('maps an abort by the caller to PrometheusAbortError, whatever the transport threw', async () => {
    const controller = new AbortController();
    const client = new ScriptedClient(() => {
      controller.abort(new Error('shutting down'));
      return Promise.reject(new PrometheusConnectionError({ url: URL_BASE }));
    });
    const error = await rejection(client.getInstant('up', { signal: controller.signal }));
    expect(error).toBeInstanceOf(PrometheusAbortError);
    expect((error as Error).message).toBe("Prometheus request aborted by the caller for query 'up'");
    expect(((error as Error).cause as Error).message).toBe('shutting down');
  });

  it('does not call the transport when the signal is already aborted', async () => {
    const client = recorded(200, 'vector');
    const error = await rejection(client.getInstant('up', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(PrometheusAbortError);
    expect(client.calls).toEqual([]);
  });

  it("maps the transport's TransportError to PrometheusConnectionError, keeping code, detail and URL", async () => {
    const refused = new TransportError({
      url: `${URL_BASE}/query`,
      kind: 'refused',
      code: 'ECONNREFUSED',
      detail: 'connect ECONNREFUSED 127.0.0.1:9090',
    });
    const error = await rejection(new ScriptedClient(() => Promise.reject(refused)).getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error).not.toBeInstanceOf(PrometheusTimeoutError);
    expect(error).toMatchObject({
      url: `${URL_BASE}/query`,
      code: 'ECONNREFUSED',
      query: 'up',
      cause: refused,
    });
    expect((error as Error).message).toBe(
      `Cannot get a response from Prometheus at ${URL_BASE}/query (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9090) for query 'up'`,
    );
  });

  it("maps the transport's RequestTimeoutError to PrometheusTimeoutError in seconds", async () => {
    const late = new RequestTimeoutError({ url: `${URL_BASE}/query`, timeoutMs: 1500 });
    const error = await rejection(new ScriptedClient(() => Promise.reject(late)).getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusTimeoutError);
    expect(error).toMatchObject({ timeoutSeconds: 1.5, code: 'ETIMEDOUT', cause: late });
    expect((error as Error).message).toBe(
      `Prometheus at ${URL_BASE}/query did not respond within 1.5 s for query 'up'`,
    );
  });

  it('wraps a foreign error from a faulty transport in PrometheusError', async () => {
    const bug = new TypeError('fetch failed');
    const client = new ScriptedClient(() => Promise.reject(bug));
    const error = await rejection(client.getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as Error).message).toBe("Prometheus request failed for query 'up': fetch failed");
    expect((error as Error).cause).toBe(bug);
  });
});

describe('series, label names and label values', () => {
  const CPU_A1 = { __name__: 'ceilometer_cpu', project_id: 'alpha', resource_id: 'vm-a1' };
  const seriesBody = JSON.stringify({ status: 'success', data: [CPU_A1] });
  const listBody = (data: string[]) => JSON.stringify({ status: 'success', data });

  it('has the endpoint names, the label name percent-encoded into its path', () => {
    expect(PrometheusClientBase.SERIES_ENDPOINT).toBe('series');
    expect(PrometheusClientBase.LABELS_ENDPOINT).toBe('labels');
    expect(PrometheusClientBase.labelValuesEndpoint('__name__')).toBe('label/__name__/values');
    expect(PrometheusClientBase.labelValuesEndpoint('a/b c')).toBe('label/a%2Fb%20c/values');
  });

  it('getSeries sends every selector as match[], with start, end and limit, and answers the label sets', async () => {
    const client = answering(200, seriesBody);
    const series = await client.getSeries(['ceilometer_cpu', '{job="a"}'], {
      start: new Date('2026-01-04T00:00:00Z'),
      end: 1767571200,
      limit: 10,
    });
    expect(series).toEqual([CPU_A1]);
    expect(client.calls).toEqual([
      {
        endpoint: 'series',
        params: {
          'match[]': ['ceilometer_cpu', '{job="a"}'],
          start: '2026-01-04T00:00:00.000Z',
          end: '1767571200',
          limit: '10',
        },
        options: {},
      },
    ]);
    expect(encodeQueryParams(client.calls[0]?.params ?? {})).toBe(
      'match%5B%5D=ceilometer_cpu&match%5B%5D=%7Bjob%3D%22a%22%7D&start=2026-01-04T00%3A00%3A00.000Z&end=1767571200&limit=10',
    );
  });

  it('getLabelNames sends nothing unset, match[] when given', async () => {
    const client = answering(200, listBody(['__name__', 'project_id']));
    expect(await client.getLabelNames()).toEqual(['__name__', 'project_id']);
    await client.getLabelNames({ match: ['up'], start: '2026-01-04T00:00:00Z' });
    expect(client.calls.map(({ endpoint, params }) => ({ endpoint, params }))).toEqual([
      { endpoint: 'labels', params: {} },
      { endpoint: 'labels', params: { 'match[]': ['up'], start: '2026-01-04T00:00:00Z' } },
    ]);
  });

  it('getLabelValues puts the name in the path, never in the parameters', async () => {
    const client = answering(200, listBody(['ceilometer_cpu', 'linear_gauge']));
    const controller = new AbortController();
    expect(
      await client.getLabelValues('__name__', { match: ['{project_id="alpha"}'], signal: controller.signal }),
    ).toEqual(['ceilometer_cpu', 'linear_gauge']);
    expect(client.calls).toEqual([
      {
        endpoint: 'label/__name__/values',
        params: { 'match[]': ['{project_id="alpha"}'] },
        options: { signal: controller.signal },
      },
    ]);
  });

  it.each([
    [
      'no selector',
      () => answering(200, seriesBody).getSeries([]),
      'match',
      'at least one series selector is required',
    ],
    [
      'an empty selector',
      () => answering(200, seriesBody).getSeries(['up', ' ']),
      'match',
      'must be a non-empty series selector',
    ],
    [
      'a negative limit',
      () => answering(200, listBody([])).getLabelNames({ limit: -1 }),
      'limit',
      'Too small: expected number to be >=0',
    ],
    [
      'an invalid end',
      () => answering(200, listBody([])).getLabelNames({ end: new Date('x') }),
      'end',
      undefined,
    ],
    [
      'a label name with a dash',
      () => answering(200, listBody([])).getLabelValues('project-id'),
      'name',
      'must be a label name ([A-Za-z_][A-Za-z0-9_]*)',
    ],
    [
      'a label name starting with a digit',
      () => answering(200, listBody([])).getLabelValues('1abc'),
      'name',
      'must be a label name ([A-Za-z_][A-Za-z0-9_]*)',
    ],
  ] as const)(
    'refuses %s with PrometheusQueryOptionsError, sending nothing',
    async (_case, call, option, reason) => {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(PrometheusQueryOptionsError);
      expect(error).toMatchObject({ option });
      if (reason !== undefined)
        expect((error as Error).message).toBe(`Invalid query option "${option}": ${reason}`);
    },
  );

  it('sends nothing for a bad label name', async () => {
    const client = answering(200, listBody([]));
    await rejection(client.getLabelValues('a/b'));
    expect(client.calls).toEqual([]);
  });

  it("names the selectors in Prometheus' error", async () => {
    const client = answering(
      400,
      '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"match[]\\": 1:5: parse error: unexpected end of input"}',
    );
    const error = await responseError(client.getSeries(['up{', 'down']));
    expect(error).toMatchObject({
      status: 400,
      errorType: 'bad_data',
      match: ['up{', 'down'],
      query: undefined,
    });
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 400 bad_data: invalid parameter "match[]": 1:5: parse error: unexpected end of input) for match[] 'up{', 'down' at ${URL_BASE}/series`,
    );
  });

  it('a label list that is not strings is an invalid response', async () => {
    const error = await responseError(answering(200, '{"status":"success","data":["a",1]}').getLabelNames());
    expect(error.errorType).toBe('invalid_response');
    expect(error.message).toContain('at data[1]');
    expect(error.message).toMatch(/\) at http:\/\/127\.0\.0\.1:9090\/api\/v1\/labels$/);
  });

  it('a series answer with a non-string label value is an invalid response', async () => {
    const error = await responseError(
      answering(200, '{"status":"success","data":[{"a":1}]}').getSeries(['a']),
    );
    expect(error.message).toContain('at data[0].a');
  });

  it('maps connection failures and aborts, naming the selectors', async () => {
    const refused = new TransportError({ url: `${URL_BASE}/labels`, kind: 'refused', code: 'ECONNREFUSED' });
    const failed = await rejection(
      new ScriptedClient(() => Promise.reject(refused)).getLabelNames({ match: ['up'] }),
    );
    expect(failed).toBeInstanceOf(PrometheusConnectionError);
    expect(failed).toMatchObject({ match: ['up'], query: undefined });
    expect((failed as Error).message).toBe(
      `Cannot get a response from Prometheus at ${URL_BASE}/labels (ECONNREFUSED) for match[] 'up'`,
    );
    const late = new RequestTimeoutError({ url: `${URL_BASE}/series`, timeoutMs: 2000 });
    const timedOut = await rejection(new ScriptedClient(() => Promise.reject(late)).getSeries(['up']));
    expect((timedOut as Error).message).toBe(
      `Prometheus at ${URL_BASE}/series did not respond within 2 s for match[] 'up'`,
    );
    const aborted = await rejection(
      recorded(200, 'vector').getLabelValues('job', { signal: AbortSignal.abort() }),
    );
    expect(aborted).toBeInstanceOf(PrometheusAbortError);
    expect((aborted as Error).message).toBe('Prometheus request aborted by the caller');
  });
});

describe('isEvaluationTimeout', () => {
  const response = (status: number, body: string) => ({ status, body, header: () => undefined });

  it("recognises Prometheus' own evaluation timeout, which retries must not repeat", () => {
    expect(isEvaluationTimeout(response(503, recordedBody('timeout')))).toBe(true);
  });

  it('leaves other 503s and other statuses alone', () => {
    expect(
      isEvaluationTimeout(response(503, '{"status":"error","errorType":"unavailable","error":"x"}')),
    ).toBe(false);
    expect(isEvaluationTimeout(response(503, '<html>busy</html>'))).toBe(false);
    expect(isEvaluationTimeout(response(422, recordedBody('timeout')))).toBe(false);
  });
});
