import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('removes user and password', () => {
    expect(redactUrl('https://admin:s3cret@prom.example:9090/api/v1/query')).toBe(
      'https://prom.example:9090/api/v1/query',
    );
  });

  it('leaves a URL without credentials byte for byte', () => {
    expect(redactUrl('http://127.0.0.1:9090/api/v1/query')).toBe('http://127.0.0.1:9090/api/v1/query');
  });

  it('still strips userinfo from something that is not a parsable URL', () => {
    expect(redactUrl('//admin:s3cret@prom/x y')).toBe('//prom/x y');
  });

  it('removes the query string and the fragment, where tokens and passwords are passed too', () => {
    expect(redactUrl('https://prom.example/api/v1/query?query=up&pw=s3cret#x')).toBe(
      'https://prom.example/api/v1/query',
    );
    expect(redactUrl('http://cloudkitty:s3cret@[bad/v3?pw=s3cret')).toBe('http://[bad/v3');
  });
});
