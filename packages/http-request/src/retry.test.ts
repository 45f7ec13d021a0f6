import { describe, expect, it } from 'vitest';
import { RequestTimeoutError } from './errors/request-timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import {
  backoffMs,
  isRetriedError,
  isRetriedResponse,
  type RetriedResponse,
  retryAfterMs,
  withRetries,
} from './retry.js';

function networkError(code: string): Error {
  return Object.assign(new Error(`${code} happened`), { code });
}

function received(status: number, body = '', headers: Record<string, string> = {}): RetriedResponse {
  return { status, body, header: (name) => headers[name] };
}

describe('isRetriedError', () => {
  it('retries network failures', () => {
    expect(isRetriedError(networkError('ECONNRESET'))).toBe(true);
    expect(isRetriedError(networkError('ECONNREFUSED'))).toBe(true);
    expect(isRetriedError(networkError('UND_ERR_SOCKET'))).toBe(true);
    expect(isRetriedError(new Error('other side closed', { cause: networkError('UND_ERR_SOCKET') }))).toBe(
      true,
    );
  });

  it('does not retry certificate failures', () => {
    expect(isRetriedError(networkError('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(false);
    expect(isRetriedError(networkError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe(false);
    expect(isRetriedError(networkError('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe(false);
    expect(isRetriedError(networkError('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(false);
  });

  it('retries by the kind of a TransportError', () => {
    const failure = (kind: TransportError['kind']) => new TransportError({ url: 'http://x/', kind });
    expect(
      ['refused', 'dns', 'reset', 'network'].map((kind) =>
        isRetriedError(failure(kind as TransportError['kind'])),
      ),
    ).toEqual([true, true, true, true]);
    expect(
      ['tls', 'closed', 'invalid-request', 'encoding'].map((kind) =>
        isRetriedError(failure(kind as TransportError['kind'])),
      ),
    ).toEqual([false, false, false, false]);
  });

  it("does not retry the client's own timeout, an abort, or a closed client", () => {
    expect(isRetriedError(new RequestTimeoutError({ url: 'http://x/', timeoutMs: 100 }))).toBe(false);
    expect(isRetriedError(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
    expect(isRetriedError(networkError('UND_ERR_DESTROYED'))).toBe(false);
    expect(isRetriedError('not an error')).toBe(false);
  });
});

describe('isRetriedResponse', () => {
  it('retries 502/503/504 whatever their body, refuses the rest', () => {
    expect(isRetriedResponse(received(502))).toBe(true);
    expect(isRetriedResponse(received(503, '{"status":"error","errorType":"unavailable","error":"x"}'))).toBe(
      true,
    );
    expect(isRetriedResponse(received(504, '<html></html>'))).toBe(true);
    for (const status of [200, 400, 404, 422, 429, 500])
      expect(isRetriedResponse(received(status))).toBe(false);
  });

  it('refuses a 503 that the caller says is final', () => {
    const final = (response: RetriedResponse) => response.body === 'final';
    expect(isRetriedResponse(received(503, 'final'), final)).toBe(false);
    expect(isRetriedResponse(received(503, 'busy'), final)).toBe(true);
  });
});

describe('backoffMs', () => {
  it('doubles from 0.3 s up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([300, 600, 1200, 2400, 4800, 9600, 10_000]);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-04T00:00:00Z');

  it('reads seconds or an HTTP date on a 503, capped at the maximum', () => {
    expect(retryAfterMs(received(503, '', { 'retry-after': '2' }), 60_000, now)).toBe(2000);
    expect(retryAfterMs(received(503, '', { 'retry-after': '120' }), 60_000, now)).toBe(60_000);
    expect(
      retryAfterMs(received(503, '', { 'retry-after': 'Sun, 04 Jan 2026 00:00:05 GMT' }), 60_000, now),
    ).toBe(5000);
    expect(
      retryAfterMs(received(503, '', { 'retry-after': 'Sat, 03 Jan 2026 00:00:05 GMT' }), 60_000, now),
    ).toBe(0);
  });

  it('ignores it on other statuses, and when absent or unreadable', () => {
    expect(retryAfterMs(received(502, '', { 'retry-after': '2' }), 60_000, now)).toBeUndefined();
    expect(retryAfterMs(received(503), 60_000, now)).toBeUndefined();
    expect(retryAfterMs(received(503, '', { 'retry-after': 'soon' }), 60_000, now)).toBeUndefined();
  });
});

describe('withRetries', () => {
  it('sends again after a 502 and a network error, then returns the answer', async () => {
    const outcomes: (RetriedResponse | Error)[] = [
      received(502),
      networkError('ECONNRESET'),
      received(200, 'ok'),
    ];
    let sent = 0;
    const response = await withRetries(
      async () => {
        const outcome = outcomes[sent++];
        if (outcome instanceof Error || outcome === undefined) throw outcome;
        return outcome;
      },
      { retries: 2, maxRetryAfterMs: 1000 },
    );
    expect(response.body).toBe('ok');
    expect(sent).toBe(3);
  });

  it('returns the last answer and throws the last error once retries are spent', async () => {
    let sent = 0;
    const last = await withRetries(
      async () => {
        sent += 1;
        return received(503, `attempt ${sent}`);
      },
      { retries: 1, maxRetryAfterMs: 1000 },
    );
    expect(last.body).toBe('attempt 2');
    const refused = networkError('ECONNREFUSED');
    await expect(
      withRetries(
        async () => {
          throw refused;
        },
        { retries: 0, maxRetryAfterMs: 1000 },
      ),
    ).rejects.toBe(refused);
  });

  it('does not send again a response that isFinalResponse calls final', async () => {
    let sent = 0;
    const last = await withRetries(
      async () => {
        sent += 1;
        return received(503, 'final');
      },
      { retries: 2, maxRetryAfterMs: 1000, isFinalResponse: (response) => response.body === 'final' },
    );
    expect([last.status, sent]).toEqual([503, 1]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = withRetries(async () => received(503, '', { 'retry-after': '60' }), {
      retries: 2,
      maxRetryAfterMs: 60_000,
      signal: controller.signal,
    });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
