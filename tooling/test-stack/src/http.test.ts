import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { waitForHttpOk } from './http.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const created = createServer(handler);
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

describe('waitForHttpOk', () => {
  test('keeps polling until the server answers 200, sending the headers', async () => {
    let calls = 0;
    const seen: (string | undefined)[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.statusCode = ++calls < 3 ? 503 : 200;
      res.end();
    });
    await waitForHttpOk(`${base}/-/ready`, {
      timeoutMs: 5_000,
      intervalMs: 10,
      headers: { authorization: 'x' },
    });
    expect(calls).toBe(3);
    expect(seen).toEqual(['x', 'x', 'x']);
  });

  test('gives up after timeoutMs and names the last outcome', async () => {
    const base = await serve((_req, res) => {
      res.statusCode = 401;
      res.end();
    });
    await expect(waitForHttpOk(`${base}/x`, { timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(
      /did not answer 200 within 200 ms \(last attempt: HTTP 401\)/,
    );
  });

  test('treats refused connections as "not yet"', async () => {
    const base = await serve((_req, res) => res.end());
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    await expect(waitForHttpOk(base, { timeoutMs: 200 })).rejects.toThrow(/ECONNREFUSED/);
  });

  test('stops early when the signal aborts', async () => {
    const base = await serve((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const started = Date.now();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('process died')), 100);
    await expect(waitForHttpOk(base, { timeoutMs: 10_000, signal: controller.signal })).rejects.toThrow(
      'process died',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
