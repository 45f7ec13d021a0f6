import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  PrometheusAbortError,
  PrometheusConnectionError,
  PrometheusResponseError,
  PrometheusTimeoutError,
} from '@kitty-collect/prometheus-client-base';
import { afterEach, describe, expect, it } from 'vitest';
import { PrometheusClient } from './prometheus-client.js';
import { closedPort, type LocalServer, sendJson, startLocalServer } from './testing/local-server.js';

const PASSWORD = 'hunter2-secret';
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString('base64');
const VECTOR = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [{ metric: { project_id: 'p1' }, value: [1767488400, '108000000000000'] }],
  },
};
const BAD_DATA = {
  status: 'error',
  errorType: 'bad_data',
  error: 'invalid parameter "query": 1:18: parse error: unclosed left parenthesis',
};
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function clientFor(apiUrl: string, options: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {}) {
  const client = new PrometheusClient({ url: apiUrl, timeout: 2, ...options });
  cleanups.push(() => client.close());
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('PrometheusClient requests', () => {
  it('GETs <url>/query with the query parameters and returns the validated data', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, VECTOR));
    const client = clientFor(`${server.apiUrl}/`);
    const data = await client.getInstant('ceilometer_cpu', {
      time: new Date('2026-01-04T01:00:00Z'),
      timeout: 30,
    });
    expect(data).toEqual(VECTOR.data);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/query',
      searchParams: { query: 'ceilometer_cpu', time: '2026-01-04T01:00:00.000Z', timeout: '30s' },
    });
    expect(server.requests[0]?.headers.accept).toBe('application/json');
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('GETs <url>/query_range for a range query', async () => {
    const matrix = { status: 'success', data: { resultType: 'matrix', result: [] } };
    const server = await serve((_request, response) => sendJson(response, 200, matrix));
    const data = await clientFor(server.apiUrl).getRange('up', {
      start: 1767488400,
      end: 1767488700,
      step: 60,
    });
    expect(data).toEqual({ resultType: 'matrix', result: [] });
    expect(server.requests[0]).toMatchObject({
      path: '/api/v1/query_range',
      searchParams: { query: 'up', start: '1767488400', end: '1767488700', step: '60s' },
    });
  });

  it('asks for the body uncompressed by default', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, VECTOR));
    await clientFor(server.apiUrl).getInstant('up');
    expect(server.requests[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('asks for gzip with `compression` and decodes it', async () => {
    const server = await serve((request, response) => {
      const body = JSON.stringify(VECTOR);
      const gzip = request.headers['accept-encoding'] === 'gzip';
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(gzip ? gzipSync(body) : body);
    });
    const data = await clientFor(server.apiUrl, { compression: true }).getInstant('up');
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip');
    expect(data).toEqual(VECTOR.data);
  });

  it('reports a body in an encoding it cannot decode as a connection error naming it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
      response.end('(zstd bytes)');
    });
    const error = await rejection(clientFor(server.apiUrl, { retries: 0 }).getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error.message).toBe(
      `Cannot get a response from Prometheus at ${server.apiUrl}/query (unsupported Content-Encoding "zstd") for query 'up'`,
    );
  });

  it('sends basic auth when username and password are set', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, VECTOR));
    await clientFor(server.apiUrl, { username: 'admin', password: PASSWORD }).getInstant('up');
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
  });

  it('keeps connections alive, through its own pool limited to maxConnections', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, VECTOR));
    // Node's global dispatcher would open a second socket here: undici frees a
    // socket a tick after the body is read, so one socket proves our pool is used.
    const client = clientFor(server.apiUrl, { maxConnections: 1 });
    await client.getInstant('up');
    await client.getInstant('up');
    await client.getInstant('up');
    await Promise.all([client.getInstant('a'), client.getInstant('b'), client.getInstant('c')]);
    expect(server.requests).toHaveLength(6);
    expect(server.connections).toBe(1);
  });

  it('never shows the password in util.inspect', async () => {
    const client = clientFor('http://127.0.0.1:9/api/v1', { username: 'admin', password: PASSWORD });
    const shown = inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).toContain('http://127.0.0.1:9/api/v1');
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(BASIC);
    expect(JSON.stringify(client)).toBe('{"url":"http://127.0.0.1:9/api/v1"}');
  });
});

describe('PrometheusClient retries', () => {
  it('retries a 503 and returns the answer that follows', async () => {
    const server = await serve((_request, response, index) =>
      index === 0
        ? sendJson(response, 503, { status: 'error', errorType: 'unavailable', error: 'x' })
        : sendJson(response, 200, VECTOR),
    );
    expect(await clientFor(server.apiUrl).getInstant('up')).toEqual(VECTOR.data);
    expect(server.requests).toHaveLength(2);
  });

  it('retries an HTML 502 from a proxy, then maps the last page to invalid_response', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(NGINX_502);
    });
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect(error).toMatchObject({
      status: 502,
      errorType: 'invalid_response',
      url: `${server.apiUrl}/query`,
      query: 'up',
    });
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 502 invalid_response: expected a JSON body, got text/html: "502 Bad Gateway 502 Bad Gateway nginx/1.22.1") for query 'up' at ${server.apiUrl}/query`,
    );
  });

  it("waits what a 503's Retry-After asks for, instead of the backoff", async () => {
    const server = await serve((_request, response, index) => {
      if (index > 0) return sendJson(response, 200, VECTOR);
      response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      response.end('busy');
    });
    const started = Date.now();
    expect(await clientFor(server.apiUrl).getInstant('up')).toEqual(VECTOR.data);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('stops waiting to retry when the caller aborts', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '60' });
      response.end('busy');
    });
    const controller = new AbortController();
    const pending = clientFor(server.apiUrl, { timeout: 120 }).getInstant('up', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(PrometheusAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 504 as many times as `retries` says', async () => {
    const server = await serve((_request, response) => sendJson(response, 504, ''));
    const error = await rejection(clientFor(server.apiUrl, { retries: 1 }).getInstant('up'));
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({ status: 504, errorType: 'invalid_response' });
  });

  it("does not retry Prometheus' own evaluation timeout (503 errorType timeout)", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 503, {
        status: 'error',
        errorType: 'timeout',
        error: 'query timed out in expression evaluation',
      }),
    );
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, errorType: 'timeout' });
  });

  it.each([
    [400, BAD_DATA],
    [404, '404 page not found\n'],
    [422, { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' }],
    [500, { status: 'error', errorType: 'internal', error: 'boom' }],
  ])('does not retry HTTP %i', async (status, body) => {
    const server = await serve((_request, response) => sendJson(response, status, body));
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect((error as PrometheusResponseError).status).toBe(status);
  });

  it('maps a 404 without a Prometheus body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404 page not found\n');
    });
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 404 invalid_response: expected a JSON body, got text/plain; charset=utf-8: "404 page not found") for query 'up' at ${server.apiUrl}/query`,
    );
  });

  it('retries a connection reset, then succeeds', async () => {
    const server = await serve((request, response, index) => {
      if (index === 0) request.socket.destroy();
      else sendJson(response, 200, VECTOR);
    });
    expect(await clientFor(server.apiUrl).getInstant('up')).toEqual(VECTOR.data);
    expect(server.requests).toHaveLength(2);
  });
});

describe('PrometheusClient response errors', () => {
  it('maps a 400 bad_data with the query and the URL', async () => {
    const server = await serve((_request, response) => sendJson(response, 400, BAD_DATA));
    const error = await rejection(clientFor(server.apiUrl).getInstant('sum(rate(foo[5m])'));
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 400 bad_data: invalid parameter "query": 1:18: parse error: unclosed left parenthesis) for query 'sum(rate(foo[5m])' at ${server.apiUrl}/query`,
    );
  });

  it('maps malformed JSON to invalid_response', async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 200, '{"status":"success","data":'),
    );
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect(error).toMatchObject({
      status: 200,
      errorType: 'invalid_response',
      error: 'expected a JSON body, got application/json: "{"status":"success","data":"',
    });
  });

  it('reports the request id a proxy sets', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json', 'x-openstack-request-id': 'req-1234' });
      response.end(JSON.stringify(BAD_DATA));
    });
    const error = await rejection(clientFor(server.apiUrl).getInstant('up'));
    expect((error as PrometheusResponseError).requestId).toBe('req-1234');
    expect(error.message).toMatch(/ \(request id req-1234\)$/);
  });

  it('keeps credentials out of a 401 error, even deep in its inspection', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Basic' });
      response.end('Unauthorized\n');
    });
    const client = clientFor(server.apiUrl, { username: 'admin', password: PASSWORD });
    const error = await rejection(client.getInstant('up'));
    expect(error).toMatchObject({ status: 401, errorType: 'invalid_response' });
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 401 invalid_response: expected a JSON body, got text/plain; charset=utf-8: "Unauthorized") for query 'up' at ${server.apiUrl}/query`,
    );
    const shown = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(BASIC);
  });
});

describe('PrometheusClient transport failures', () => {
  it('maps a server that never answers to PrometheusTimeoutError, without retrying', async () => {
    const server = await serve(() => {});
    const client = clientFor(server.apiUrl, { timeout: 0.3, username: 'admin', password: PASSWORD });
    const started = Date.now();
    const error = await rejection(client.getInstant('up'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(PrometheusTimeoutError);
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error).toMatchObject({ url: `${server.apiUrl}/query`, timeoutSeconds: 0.3, query: 'up' });
    expect(error.message).toBe(
      `Prometheus at ${server.apiUrl}/query did not respond within 0.3 s for query 'up'`,
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe('TimeoutError');
    const shown = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(BASIC);
  });

  it('times out a body that stalls after the headers', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":"success",');
    });
    const error = await rejection(clientFor(server.apiUrl, { timeout: 0.3 }).getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusTimeoutError);
  });

  it('maps a refused connection to PrometheusConnectionError naming the URL and ECONNREFUSED', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const error = await rejection(clientFor(apiUrl, { retries: 0 }).getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error).not.toBeInstanceOf(PrometheusTimeoutError);
    expect(error).toMatchObject({ url: `${apiUrl}/query`, code: 'ECONNREFUSED', query: 'up' });
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot get a response from Prometheus at ${apiUrl}/query \\(ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\) for query 'up'$`,
      ),
    );
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('maps an unknown host to PrometheusConnectionError with the DNS code', async () => {
    const error = await rejection(
      clientFor('http://prometheus.invalid/api/v1', { retries: 0 }).getInstant('up'),
    );
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect((error as PrometheusConnectionError).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  });

  it('maps an abort by the caller to PrometheusAbortError', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = clientFor(server.apiUrl).getInstant('up', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(PrometheusAbortError);
    expect(error.message).toBe("Prometheus request aborted by the caller for query 'up'");
  });

  it('fails with a connection error once closed', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, VECTOR));
    const client = new PrometheusClient({ url: server.apiUrl, retries: 0 });
    await client.getInstant('up');
    await client.close();
    const error = await rejection(client.getInstant('up'));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect((error as PrometheusConnectionError).code).toBe('UND_ERR_DESTROYED');
  });
});
