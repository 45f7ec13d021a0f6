import type { ResponseBody } from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { describeAetosErrorBody } from './describe-aetos-error.js';

const json = (value: unknown, contentType = 'application/json'): ResponseBody => ({
  kind: 'json',
  value,
  text: JSON.stringify(value),
  contentType,
});
const text = (body: string, contentType: string): ResponseBody => ({ kind: 'text', text: body, contentType });
const fault = (faultcode: string, faultstring: string) =>
  json({ error_message: { faultcode, faultstring, debuginfo: null } });

describe('describeAetosErrorBody', () => {
  it('reads Aetos faults carrying Prometheus errors', () => {
    expect(
      describeAetosErrorBody(400, fault('Client', '[400] invalid parameter "query": 1:19: parse error')),
    ).toEqual({
      errorType: 'aetos_client',
      error: '[400] invalid parameter "query": 1:19: parse error',
    });
    expect(
      describeAetosErrorBody(503, fault('Server', '[503] query timed out in expression evaluation')),
    ).toEqual({
      errorType: 'aetos_server',
      error: '[503] query timed out in expression evaluation',
    });
  });

  it('explains a policy refusal', () => {
    expect(describeAetosErrorBody(403, fault('Client', 'RBAC Authorization Failed'))).toEqual({
      errorType: 'forbidden',
      error:
        "RBAC Authorization Failed: unfiltered queries need the 'admin' role on the token's project, or the 'service' role",
    });
  });

  it("reads the series and label controllers' errors: a string, or pecan's own", () => {
    expect(
      describeAetosErrorBody(400, json({ error_message: '[400] no match[] parameter provided' })),
    ).toEqual({ errorType: 'aetos_client', error: '[400] no match[] parameter provided' });
    expect(describeAetosErrorBody(500, json({ error_message: '[500] simulated internal error' }))).toEqual({
      errorType: 'aetos_server',
      error: '[500] simulated internal error',
    });
    const pecan403 = { code: 403, title: 'Forbidden', description: 'RBAC Authorization Failed' };
    expect(describeAetosErrorBody(403, json({ error_message: pecan403 }))).toEqual({
      errorType: 'forbidden',
      error:
        "RBAC Authorization Failed: unfiltered queries need the 'admin' role on the token's project, or the 'service' role",
    });
  });

  it("reads keystonemiddleware's 401", () => {
    expect(
      describeAetosErrorBody(
        401,
        json({
          error: {
            code: 401,
            title: 'Unauthorized',
            message: 'The request you have made requires authentication.',
          },
        }),
      ),
    ).toEqual({ errorType: 'unauthorized', error: 'The request you have made requires authentication.' });
  });

  it('reduces an HTML page to its text', () => {
    const page =
      '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>The server is currently unavailable.</body></html>';
    expect(describeAetosErrorBody(503, text(page, 'text/html; charset=UTF-8'))).toEqual({
      errorType: 'unavailable',
      error:
        'HTTP 503 text/html; charset=UTF-8: 503 Service Unavailable 503 Service Unavailable The server is currently unavailable.',
    });
  });

  it("falls back to Prometheus' own envelope", () => {
    expect(
      describeAetosErrorBody(422, json({ status: 'error', errorType: 'execution', error: 'boom' })),
    ).toEqual({
      errorType: 'execution',
      error: 'boom',
    });
  });
});
