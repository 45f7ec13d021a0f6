import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsInText } from './redact-url.js';

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

  it('the issue 11 defect: an unparsable auth_url with a password or a ?pw= shows neither', () => {
    expect(redactUrl('http://cloudkitty:SECRET@[bad/v3')).toBe('http://[bad/v3');
    expect(redactUrl('http://[bad/v3?pw=SECRET')).toBe('http://[bad/v3');
  });

  it('ends the userinfo at the last @, whatever the password holds (/, ?, #, @ unescaped)', () => {
    // A password starting with digits and holding a / parses as a port and a path: "1234/abc" must go.
    expect(redactUrl('http://cloudkitty:1234/abc@keystone:5000/v3')).toBe('http://keystone:5000/v3');
    expect(redactUrl('http://cloudkitty:12#ab@keystone:5000/v3')).toBe('http://keystone:5000/v3');
    expect(redactUrl('http://cloudkitty:12?ab@keystone:5000/v3')).toBe('http://keystone:5000/v3');
    expect(redactUrl('http://cloudkitty:p@ss@keystone:5000/v3')).toBe('http://keystone:5000/v3');
    expect(redactUrl('http://cloudkitty:p@ss#x@keystone:5000/v3')).toBe('http://keystone:5000/v3');
    expect(redactUrl('http://u:SEC/RET@[bad/v3')).toBe('http://[bad/v3');
  });

  it('strips userinfo written without // (a parsable URL of scheme "cloudkitty")', () => {
    expect(redactUrl('cloudkitty:SECRET@keystone:5000/v3')).toBe('cloudkitty:keystone:5000/v3');
    expect(redactUrl('TOKEN@keystone/v3')).toBe('keystone/v3');
  });

  it('strips the query from text without a scheme and from opaque URLs', () => {
    expect(redactUrl('keystone:5000/v3?pw=SECRET')).toBe('keystone:5000/v3');
    expect(redactUrl('not a url?pw=SECRET#frag')).toBe('not a url');
  });
});

describe('redactUrlsInText', () => {
  it('redacts every URL inside a message and leaves the rest of the text as it is', () => {
    expect(
      redactUrlsInText(
        'GET http://u:SECRET@h:1/a?x=SECRET failed (ECONNREFUSED); then https://k/v3?pw=SECRET.',
      ),
    ).toBe('GET http://h:1/a failed (ECONNREFUSED); then https://k/v3.');
  });

  it('keeps the punctuation that closes a sentence or a parenthesis around a URL', () => {
    expect(redactUrlsInText('(at http://h/api?q=1), then "http://h/x?y=SECRET"')).toBe(
      '(at http://h/api), then "http://h/x"',
    );
  });

  it('leaves text without URLs unchanged, PromQL @ modifiers included', () => {
    const text = "for query 'count(ceilometer_cpu @ 1767229200)' at 127.0.0.1:9090";
    expect(redactUrlsInText(text)).toBe(text);
  });
});
