import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestTimeoutError } from './errors/request-timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import { sendRequest } from './send-request.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A node:http server on 127.0.0.1 for what real servers rarely do on demand (stalls, odd encodings). */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function agent(): Agent {
  const dispatcher = new Agent({ connections: 2 });
  cleanups.push(() => dispatcher.destroy());
  return dispatcher;
}

/** A port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('sendRequest', () => {
  it('sends method, headers and body, and returns status, body and headers whatever the status', async () => {
    const url = await serve((request, response) => {
      let received = '';
      request.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      request.on('end', () => {
        response.writeHead(418, { 'content-type': 'text/plain', 'x-request-id': 'req-1' });
        response.end(`${request.method} ${request.url} ${request.headers['x-test']} ${received}`);
      });
    });
    const response = await sendRequest(`${url}/path?q=1`, {
      dispatcher: agent(),
      method: 'POST',
      headers: { 'x-test': 'yes' },
      body: 'hello',
      timeoutMs: 2000,
    });
    expect(response.url).toBe(`${url}/path?q=1`);
    expect(response.status).toBe(418);
    expect(response.body).toBe('POST /path?q=1 yes hello');
    expect(response.header('content-type')).toBe('text/plain');
    expect(response.header('x-request-id')).toBe('req-1');
    expect(response.header('x-missing')).toBeUndefined();
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('undoes Content-Encoding %s', async (encoding, compress) => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': encoding });
      response.end(compress('{"status":"success"}'));
    });
    const response = await sendRequest(url, { dispatcher: agent(), headers: {}, timeoutMs: 2000 });
    expect(response.body).toBe('{"status":"success"}');
  });

  it('names an encoding it cannot undo', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'zstd' });
      response.end('(zstd)');
    });
    const error = await rejection(sendRequest(url, { dispatcher: agent(), headers: {}, timeoutMs: 2000 }));
    expect((error as Error).message).toBe('unsupported Content-Encoding "zstd"');
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'encoding', url, code: undefined });
  });

  it('times out a server that stalls after its headers, with a TimeoutError naming the limit', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":');
    });
    const error = await rejection(sendRequest(url, { dispatcher: agent(), headers: {}, timeoutMs: 200 }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      timeoutMs: 200,
      message: 'Request timed out after 200 ms',
      kind: 'timeout',
      url,
      reason: 'no answer within 0.2 s',
    });
    expect(error).toBeInstanceOf(TransportError);
  });

  it("rejects with the caller's abort reason", async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    const pending = sendRequest(url, {
      dispatcher: agent(),
      headers: {},
      timeoutMs: 5000,
      signal: controller.signal,
    });
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    expect(await rejection(pending)).toBe(reason);
  });

  it("reports a refused connection as a TransportError of kind refused, with undici's error as cause", async () => {
    const port = await closedPort();
    const error = await rejection(
      sendRequest(`http://127.0.0.1:${port}/`, { dispatcher: agent(), headers: {}, timeoutMs: 2000 }),
    );
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'refused', url: `http://127.0.0.1:${port}/` });
    expect((error as TransportError).message).toBe(`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(((error as TransportError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('redacts credentials and the query string from the URL it reports', async () => {
    const port = await closedPort();
    const error = await rejection(
      sendRequest(`http://user:s3cret@127.0.0.1:${port}/x?token=s3cret`, {
        dispatcher: agent(),
        headers: {},
        timeoutMs: 2000,
      }),
    );
    expect(error).toMatchObject({ url: `http://127.0.0.1:${port}/x` });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      's3cret',
    );
  });

  it('shows no password of a URL it cannot even parse: not in the message, a field or inspect output', async () => {
    for (const url of [
      'http://cloudkitty:SECRET@[bad/v3',
      'http://[bad/v3?pw=SECRET',
      'cloudkitty:SECRET@keystone:5000/v3',
    ]) {
      const error = await rejection(sendRequest(url, { dispatcher: agent(), headers: {}, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ kind: 'invalid-request' });
      // inspect shows the cause chain and its fields: Node's "Invalid URL" TypeError keeps the `input`.
      expect(inspect(error, { depth: 8 })).not.toContain('SECRET');
    }
  });
});

describe('TransportError', () => {
  it('redacts the URL and any URL its detail quotes, whoever built it', () => {
    const error = new TransportError({
      url: 'http://u:SECRET@h/x?pw=SECRET',
      kind: 'network',
      detail: 'proxy said: GET http://u:SECRET@h/x?pw=SECRET failed',
    });
    expect(error.url).toBe('http://h/x');
    expect(error.detail).toBe('proxy said: GET http://h/x failed');
    expect(error.message).toBe('proxy said: GET http://h/x failed');
  });
});
