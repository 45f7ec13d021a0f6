import { expect, test } from 'vitest';
import { readMatchArguments, readQueryArguments } from './arguments.js';

const params = (search: string) => [...new URLSearchParams(search)];

test('Aetos 2.0 takes query, time and timeout', () => {
  expect(readQueryArguments(params('query=up&time=1&timeout=5s'), '2.0')).toEqual({
    ok: true,
    arguments: { query: 'up', time: '1', timeout: '5s' },
  });
  expect(readQueryArguments(params('query=a&query=b'), '2.0')).toEqual({
    ok: true,
    arguments: { query: 'b' },
  });
  expect(readQueryArguments(params('query='), '2.0')).toEqual({ ok: true, arguments: { query: '' } });
});

test('unknown arguments are all named, before a missing query', () => {
  expect(readQueryArguments(params('query=up&stats=all'), '2.0')).toEqual({
    ok: false,
    faultstring: 'Unknown argument: "stats"',
  });
  expect(readQueryArguments(params('stats=all&foo=1&stats=2'), '2.0')).toEqual({
    ok: false,
    faultstring: 'Unknown argument: "stats, foo"',
  });
  expect(readQueryArguments(params('time=1'), '2.0')).toEqual({
    ok: false,
    faultstring: 'Missing argument: "query"',
  });
});

test('Aetos 1.0 takes query only', () => {
  expect(readQueryArguments(params('query=up&time=1'), '1.0')).toEqual({
    ok: false,
    faultstring: 'Unknown argument: "time"',
  });
  expect(readQueryArguments(params('query=up @ 1767488400'), '1.0')).toEqual({
    ok: true,
    arguments: { query: 'up @ 1767488400' },
  });
});

test('series and label endpoints read every match[] and drop everything else', () => {
  expect(readMatchArguments(params('match[]=up&start=1&match[]=%7Bjob%3D%22a%22%7D&limit=2&end=3'))).toEqual([
    'up',
    '{job="a"}',
  ]);
  expect(readMatchArguments(params('start=1'))).toEqual([]);
});
