import { describe, expect, it } from 'vitest';
import { TransportError } from './errors/transport-error.js';
import { failureKindOf, findErrorReason, toTransportError } from './failure.js';

const coded = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

describe('findErrorReason', () => {
  it('finds the first coded error under causes and inside an AggregateError', () => {
    const nested = new TypeError('fetch failed', {
      cause: new AggregateError([coded('ECONNREFUSED', 'connect ECONNREFUSED ::1:9')], ''),
    });
    expect(findErrorReason(nested)).toEqual({ code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED ::1:9' });
    expect(findErrorReason(new Error('plain'))).toEqual({ code: undefined, detail: 'plain' });
    expect(findErrorReason('not an error')).toEqual({ code: undefined, detail: undefined });
  });
});

describe('failureKindOf', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNRESET', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['UND_ERR_DESTROYED', 'closed'],
    ['UND_ERR_INVALID_ARG', 'invalid-request'],
    ['EHOSTUNREACH', 'network'],
  ] as const)('%s is %s', (code, kind) => {
    expect(failureKindOf(code)).toBe(kind);
  });

  it('calls a failure without a code network', () => {
    expect(failureKindOf(undefined)).toBe('network');
  });
});

describe('toTransportError', () => {
  it('keeps the code and words of the cause, and the cause itself', () => {
    const cause = coded('ECONNRESET', 'other side closed');
    const error = toTransportError(cause, 'http://127.0.0.1:9/x');
    expect(error).toMatchObject({
      name: 'TransportError',
      kind: 'reset',
      code: 'ECONNRESET',
      detail: 'other side closed',
      url: 'http://127.0.0.1:9/x',
      message: 'ECONNRESET: other side closed',
      cause,
    });
  });

  it('leaves a TransportError as it is', () => {
    const error = new TransportError({ url: 'http://x/', kind: 'encoding', detail: 'bad' });
    expect(toTransportError(error, 'http://y/')).toBe(error);
  });
});
