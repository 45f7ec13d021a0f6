import { describe, expect, test } from 'vitest';
import { toPyValue } from '../python/value.js';
import { negotiate } from './negotiation.js';
import { keystoneUnavailable, pecanError, unauthorized, wsmeFault, wsmeResult } from './responses.js';
import { methodNotAllowed, notAcceptable, notFound } from './webob.js';

// Bodies observed from keystonemiddleware 10.1.0, pecan 1.4.1, WSME 0.11 and WebOb 1.8.6 running Aetos' layout.
describe('keystonemiddleware', () => {
  test('401 with WWW-Authenticate', () => {
    expect(unauthorized('http://127.0.0.1:5000')).toEqual({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'www-authenticate': 'Keystone uri="http://127.0.0.1:5000"',
      },
      body: '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
    });
  });

  test('503 is WebOb’s page, negotiated', () => {
    const html = keystoneUnavailable(negotiate('*/*'));
    expect(html.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(html.body).toBe(
      '<html>\n <head>\n  <title>503 Service Unavailable</title>\n </head>\n <body>\n  <h1>503 Service Unavailable</h1>\n' +
        '  The server is currently unavailable. Please try again at a later time.<br /><br />\n' +
        'The Keystone service is temporarily unavailable.\n\n\n </body>\n</html>',
    );
    expect(keystoneUnavailable(negotiate('application/json')).body).toBe(
      '{"message": "The server is currently unavailable. Please try again at a later time.<br /><br />\\nThe Keystone service is temporarily unavailable.\\n\\n", "code": "503 Service Unavailable", "title": "Service Unavailable"}',
    );
    expect(keystoneUnavailable(negotiate('text/plain')).body).toBe(
      '503 Service Unavailable\n\nThe server is currently unavailable. Please try again at a later time.\n\n The Keystone service is temporarily unavailable.  ',
    );
  });
});

describe('pecan errors through the error middleware', () => {
  test.each([
    ['application/json', '{"error_message": {"code": 404, "title": "Not Found", "description": null}}'],
    [
      '*/*',
      '{"error_message": "<html>\\n <head>\\n  <title>404 Not Found</title>\\n </head>\\n <body>\\n  <h1>404 Not Found</h1>\\n  The resource could not be found.<br /><br />\\n\\n\\n\\n </body>\\n</html>"}',
    ],
    [undefined, '{"error_message": "404 Not Found\\n\\nThe resource could not be found.\\n\\n   "}'],
    ['application/xml', '<error_message>404</error_message>'],
    [
      'application/json, text/plain',
      '{"error_message": {"message": "The resource could not be found.<br /><br />\\n\\n\\n", "code": "404 Not Found", "title": "Not Found"}}',
    ],
  ])('404, Accept: %s', (accept, body) => {
    const contentType = accept === 'application/xml' ? 'application/xml' : 'application/json';
    expect(pecanError(notFound(), negotiate(accept))).toEqual({
      status: 404,
      headers: { 'content-type': contentType },
      body,
    });
  });

  test('405 with Allow: GET', () => {
    const options = { description: '', headers: { allow: 'GET' } };
    expect(pecanError(methodNotAllowed('POST'), negotiate('application/json'), options)).toEqual({
      status: 405,
      headers: { allow: 'GET', 'content-type': 'application/json' },
      body: '{"error_message": {"code": 405, "title": "Method Not Allowed", "description": ""}}',
    });
    expect(pecanError(methodNotAllowed('POST'), negotiate(undefined), options).body).toBe(
      '{"error_message": "405 Method Not Allowed\\n\\nThe method POST is not allowed for this resource. \\n\\n "}',
    );
    expect(pecanError(methodNotAllowed('POST'), negotiate('*/*'), options).body).toBe(
      '{"error_message": "<html>\\n <head>\\n  <title>405 Method Not Allowed</title>\\n </head>\\n <body>\\n  <h1>405 Method Not Allowed</h1>\\n  The method POST is not allowed for this resource. <br /><br />\\n\\n </body>\\n</html>"}',
    );
  });

  test('406 when no renderer fits', () => {
    expect(pecanError(notAcceptable('text/plain'), negotiate('text/plain')).body).toBe(
      '{"error_message": "406 Not Acceptable\\n\\nThe resource could not be generated that was acceptable to your browser (content of type text/plain. \\n\\n "}',
    );
  });
});

describe('WSME faults and results', () => {
  test.each([
    [
      'application/json',
      '{"error_message": {"faultcode": "Client", "faultstring": "Unknown argument: \\"stats\\"", "debuginfo": null}}',
    ],
    [
      'application/xml',
      '<error_message><error><faultcode>Client</faultcode><faultstring>Unknown argument: "stats"</faultstring><debuginfo/></error></error_message>',
    ],
    [
      'garbage;;',
      '{"error_message": "<error><faultcode>Client</faultcode><faultstring>Unknown argument: \\"stats\\"</faultstring><debuginfo /></error>"}',
    ],
  ])('400 fault, Accept: %s', (accept, body) => {
    expect(wsmeFault(400, 'Client', 'Unknown argument: "stats"', negotiate(accept))).toEqual({
      status: 400,
      headers: { 'content-type': accept === 'application/xml' ? 'application/xml' : 'application/json' },
      body,
    });
  });

  test('a result in JSON (json.dumps) and in XML (str() of the dict)', () => {
    const result = toPyValue({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: { bar: 'back\\slash, ünï', foo: 'say "hi"' }, value: [1767488400, '600'] }],
      },
    });
    expect(wsmeResult(result, negotiate(undefined))).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status": "success", "data": {"resultType": "vector", "result": [{"metric": {"bar": "back\\\\slash, \\u00fcn\\u00ef", "foo": "say \\"hi\\""}, "value": [1767488400, "600"]}]}}',
    });
    expect(wsmeResult(result, negotiate('application/xml'))).toEqual({
      status: 200,
      headers: { 'content-type': 'application/xml; charset=UTF-8' },
      body: `<result>{'status': 'success', 'data': {'resultType': 'vector', 'result': [{'metric': {'bar': 'back\\\\slash, &#252;n&#239;', 'foo': 'say "hi"'}, 'value': [1767488400, '600']}]}}</result>`,
    });
  });
});
