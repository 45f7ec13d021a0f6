import { describe, expect, it } from 'vitest';
import { parseBody, snippet } from './body.js';

describe('parseBody', () => {
  it('parses JSON whatever the content type says', () => {
    expect(parseBody('{"a":1}', 'text/plain')).toEqual({
      kind: 'json',
      value: { a: 1 },
      text: '{"a":1}',
      contentType: 'text/plain',
    });
  });

  it('keeps anything else as text', () => {
    expect(parseBody('{"a":', 'application/json')).toEqual({
      kind: 'text',
      text: '{"a":',
      contentType: 'application/json',
    });
  });
});

describe('snippet', () => {
  it('reduces an HTML page to one line of its text', () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    expect(snippet(page, 'text/html')).toBe('502 Bad Gateway 502 Bad Gateway nginx');
  });

  it('cuts long bodies at 200 characters', () => {
    expect(snippet('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
  });
});
