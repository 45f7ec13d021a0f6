import { HTTPError, TimeoutError } from 'ky';
import { describe, expect, it } from 'vitest';
import { retryOptions } from './retry.js';

const request = new Request('http://127.0.0.1:9090/api/v1/query?query=up');

function fetchFailed(code: string): TypeError {
  const cause = Object.assign(new Error(`${code} happened`), { code });
  return new TypeError('fetch failed', { cause });
}

function httpError(status: number, body: string): HTTPError {
  // ky's HTTPError only reads what it is given; options are not used for the decision.
  return new HTTPError(
    new Response(body, { status }),
    request,
    {} as ConstructorParameters<typeof HTTPError>[2],
  );
}

async function decide(error: Error): Promise<boolean | undefined> {
  const { shouldRetry } = retryOptions(2, 60_000);
  if (shouldRetry === undefined) throw new Error('retryOptions sets shouldRetry');
  return shouldRetry({ error, retryCount: 1 });
}

describe('retryOptions', () => {
  it('limits attempts to GET and to the gateway statuses', () => {
    expect(retryOptions(3, 5000)).toMatchObject({
      limit: 3,
      methods: ['get'],
      statusCodes: [502, 503, 504],
      maxRetryAfter: 5000,
      retryOnTimeout: false,
    });
  });

  it('retries network failures', async () => {
    expect(await decide(fetchFailed('ECONNRESET'))).toBe(true);
    expect(await decide(fetchFailed('ECONNREFUSED'))).toBe(true);
    expect(await decide(new TypeError('terminated', { cause: fetchFailed('UND_ERR_SOCKET') }))).toBe(true);
  });

  it('does not retry certificate failures', async () => {
    expect(await decide(fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(false);
    expect(await decide(fetchFailed('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe(false);
    expect(await decide(fetchFailed('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe(false);
    expect(await decide(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(false);
  });

  it("does not retry the client's own timeout nor an abort", async () => {
    expect(await decide(new TimeoutError(request))).toBe(false);
    expect(await decide(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it('leaves 502/503/504 to ky (so Retry-After is honoured), refuses the rest', async () => {
    expect(await decide(httpError(502, ''))).toBeUndefined();
    expect(
      await decide(httpError(503, '{"status":"error","errorType":"unavailable","error":"x"}')),
    ).toBeUndefined();
    expect(await decide(httpError(504, '<html></html>'))).toBeUndefined();
    expect(await decide(httpError(500, ''))).toBe(false);
    expect(await decide(httpError(429, ''))).toBe(false);
    expect(await decide(httpError(400, ''))).toBe(false);
  });

  it("refuses a 503 that is Prometheus' own evaluation timeout", async () => {
    const body =
      '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}';
    expect(await decide(httpError(503, body))).toBe(false);
  });
});
