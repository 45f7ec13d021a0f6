import { describe, expect, test } from 'vitest';
import { acceptableOffers, bestMatch, parseAccept } from './accept.js';
import { negotiate } from './negotiation.js';

describe('parseAccept / acceptableOffers / bestMatch (WebOb 1.8 semantics)', () => {
  test('quality, specificity and offer order', () => {
    const header = parseAccept('application/json;q=0.5, application/xml');
    expect(acceptableOffers(header, ['application/json', 'application/xml'])).toEqual([
      'application/xml',
      'application/json',
    ]);
    expect(
      acceptableOffers(parseAccept('*/*;q=0.1, text/html;q=0'), ['text/html', 'application/json']),
    ).toEqual(['application/json']);
    expect(
      bestMatch(parseAccept('application/json;q=0.5, application/xml'), [
        'application/json',
        'application/xml',
      ]),
    ).toBe('application/xml');
  });

  test('no header and an invalid header accept everything; an empty header accepts nothing', () => {
    expect(parseAccept(undefined).kind).toBe('none');
    expect(parseAccept('garbage;;').kind).toBe('invalid');
    expect(acceptableOffers(parseAccept('garbage;;'), ['a/b', 'c/d'])).toEqual(['a/b', 'c/d']);
    expect(acceptableOffers(parseAccept(''), ['a/b'])).toEqual([]);
    expect(bestMatch(parseAccept(undefined), ['application/json', 'application/xml'])).toBe(
      'application/json',
    );
  });

  test('a range with parameters does not match an offer without them', () => {
    expect(acceptableOffers(parseAccept('application/json; charset=utf-8'), ['application/json'])).toEqual(
      [],
    );
  });
});

// Expected values observed on pecan 1.4.1 + WSME 0.11 + WebOb 1.8.6 (Debian bookworm) with Aetos' controller layout.
describe('negotiate', () => {
  test.each([
    // accept, renderer, pecan JSON errors, WebOb page, XML errors
    [undefined, 'application/json', false, 'plain', false],
    ['*/*', 'application/json', false, 'html', false],
    ['application/json', 'application/json', true, 'json', false],
    ['application/xml', 'application/xml', false, 'plain', true],
    ['application/json;q=0.5, application/xml', 'application/xml', true, 'json', true],
    [
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/xml',
      false,
      'html',
      true,
    ],
    ['garbage;;', 'application/xml', false, 'html', false],
    ['application/*', 'application/xml', true, 'json', false],
    ['application/json, text/plain', 'application/json', false, 'json', false],
    ['text/plain', undefined, false, 'plain', false],
    ['application/json; charset=utf-8', 'application/json', false, 'plain', false],
  ] as const)('Accept: %s', (accept, wsmeContentType, pecanErrorAsJson, webobBodyType, errorsAsXml) => {
    expect(negotiate(accept)).toMatchObject({
      accept,
      wsmeContentType,
      pecanErrorAsJson,
      webobBodyType,
      errorsAsXml,
    });
  });
});

// Not observed: pecan's same choice as for the query controller's renderers, with application/json the only offer.
describe('negotiate: the series and label controllers (JSON only)', () => {
  test.each([
    [undefined, true],
    ['*/*', true],
    ['application/json', true],
    ['application/xml', false],
    ['application/json;q=0.5, application/xml', true],
    ['garbage;;', true],
    ['text/plain', false],
    ['application/json; charset=utf-8', true],
  ] as const)('Accept: %s', (accept, jsonControllerAcceptable) => {
    expect(negotiate(accept).jsonControllerAcceptable).toBe(jsonControllerAcceptable);
  });
});
