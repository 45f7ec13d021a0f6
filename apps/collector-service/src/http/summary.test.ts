import { calendarGroupby } from '@kitty-collect/collector-base';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { hourFrame, type PointSpec } from '../storage/testing/frames.js';
import { TempStorageDir } from '../storage/testing/temp-storage.js';
import { type ApiServer, createApiServer } from './api-server.js';
import { ServiceMetrics } from './metrics.js';

/** "Now" for the API: March 2026, so the default window is 2026-03-01 → 2026-04-01. */
const NOW = new Date('2026-03-15T12:00:00Z');
const MARCH = '2026-03-01T00:00:00+00:00';
const APRIL = '2026-04-01T00:00:00+00:00';
/** Sums whose digits a binary float cannot hold: the answer's text has them all; JSON.parse rounds. */
const ALL_QTY = '123456790.723456791';
const VOLUME_QTY = '123456789.123456791';

let temp: TempStorageDir;
let storage: SqliteStorage;
let api: ApiServer;
let baseUrl: string;

/** One hour of a scope, each point with the calendar keys a collector adds (day_of_the_year…). */
function store(scope: string, start: string, points: PointSpec[]): void {
  const begin = new Date(start);
  const calendar = { ...calendarGroupby(begin) };
  const specs = points.map((spec) => ({ ...spec, groupby: { ...calendar, ...spec.groupby } }));
  storage.addDataFrames([hourFrame(scope, begin, specs)], 'project_id');
}

/**
 * Scope a: the last hour of February (excluded by default), then March 1st 00:00 and 01:00; scope b:
 * March 2nd 00:00. cpu points carry flavor in metadata; decimals a binary float would round.
 */
beforeEach(async () => {
  temp = new TempStorageDir();
  storage = temp.open();
  store('a', '2026-02-28T23:00:00Z', [{ type: 'cpu', qty: '5', price: '5', groupby: { id: 'vm1' } }]);
  store('a', '2026-03-01T00:00:00Z', [
    { type: 'cpu', qty: '0.1', price: '0.01', groupby: { id: 'vm1' }, metadata: { flavor: 'small' } },
    { type: 'cpu', qty: '0.2', price: '0.02', groupby: { id: 'vm2' }, metadata: { flavor: 'large' } },
    { type: 'volume', qty: '123456789.123456789', price: '1', groupby: { id: 'vol1' } },
  ]);
  store('a', '2026-03-01T01:00:00Z', [
    { type: 'cpu', qty: '0.3', price: '0.03', groupby: { id: 'vm1' }, metadata: { flavor: 'small' } },
    { type: 'volume', qty: '0.000000002', price: '2', groupby: { id: 'vol1' } },
  ]);
  store('b', '2026-03-02T00:00:00Z', [
    { type: 'cpu', qty: '1', price: '0.5', groupby: { id: 'vm3' }, metadata: { flavor: 'small' } },
  ]);
  api = createApiServer({
    storage,
    metrics: new ServiceMetrics({ collector: 'aetos' }),
    health: () => ({ healthy: true }),
    periodSeconds: 3600,
    now: () => NOW,
  });
  ({ url: baseUrl } = await api.listen('127.0.0.1', 0));
});

afterEach(async () => {
  await api.close();
  temp.cleanup();
});

async function summary(query = '') {
  const response = await fetch(`${baseUrl}/v2/summary${query}`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** The table answer's results, after checking it is a 200 in table format. */
async function results(query: string): Promise<unknown[][]> {
  const response = await summary(query);
  expect(response.status, response.text).toBe(200);
  expect(response.body.format).toBe('table');
  return response.body.results as unknown[][];
}

describe('GET /v2/summary', () => {
  it('sums the current month by default, in CloudKitty table format, digits exact', async () => {
    const response = await summary();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      total: 1,
      columns: ['begin', 'end', 'qty', 'rate'],
      results: [[MARCH, APRIL, Number(ALL_QTY), 3.56]],
      format: 'table',
    });
    expect(response.text).toContain(`["${MARCH}","${APRIL}",${ALL_QTY},3.56]`);
  });

  it('groups by type and a key, comma separated or repeated, columns in request order', async () => {
    const comma = await summary('?groupby=type,project_id');
    const repeated = await summary('?groupby=type&groupby=project_id');
    expect(comma.body).toEqual(repeated.body);
    expect(comma.body.columns).toEqual(['begin', 'end', 'qty', 'rate', 'type', 'project_id']);
    expect(comma.body.results).toEqual([
      [MARCH, APRIL, 0.6, 0.06, 'cpu', 'a'],
      [MARCH, APRIL, 1, 0.5, 'cpu', 'b'],
      [MARCH, APRIL, Number(VOLUME_QTY), 3, 'volume', 'a'],
    ]);
    expect(comma.text).toContain(`,${VOLUME_QTY},3,"volume","a"]`);
  });

  it('groups by a metadata key; points without it come first, under null', async () => {
    expect(await results('?groupby=flavor&custom_fields=SUM(qty) AS qty')).toEqual([
      [MARCH, APRIL, Number(VOLUME_QTY), null],
      [MARCH, APRIL, 0.2, 'large'],
      [MARCH, APRIL, 1.4, 'small'],
    ]);
  });

  it('groupby=time: one row per collect period, begin/end the period, no time column', async () => {
    const response = await summary('?groupby=time,type&filters=type:cpu');
    expect(response.body.columns).toEqual(['begin', 'end', 'qty', 'rate', 'type']);
    expect(response.body.results).toEqual([
      [MARCH, '2026-03-01T01:00:00+00:00', 0.3, 0.03, 'cpu'],
      ['2026-03-01T01:00:00+00:00', '2026-03-01T02:00:00+00:00', 0.3, 0.03, 'cpu'],
      ['2026-03-02T00:00:00+00:00', '2026-03-02T01:00:00+00:00', 1, 0.5, 'cpu'],
    ]);
  });

  it('time-d/w/m/y group by the calendar keys of the points, as CloudKitty master', async () => {
    const month = '?begin=2026-02-01&custom_fields=COUNT(qty) AS n';
    const february = '2026-02-01T00:00:00+00:00';
    const byDay = await summary(`${month}&groupby=time-d`);
    expect(byDay.body.columns).toEqual(['begin', 'end', 'n', 'day_of_the_year']);
    expect(byDay.body.results).toEqual([
      [february, APRIL, 1, '59'],
      [february, APRIL, 5, '60'],
      [february, APRIL, 1, '61'],
    ]);
    expect(await results(`${month}&groupby=time-w`)).toEqual([
      [february, APRIL, 1, '08'],
      [february, APRIL, 6, '09'],
    ]);
    expect(await results(`${month}&groupby=time-m,time-y`)).toEqual([
      [february, APRIL, 1, '2', '2026'],
      [february, APRIL, 6, '3', '2026'],
    ]);
    expect((await summary(`${month}&groupby=time-d,day_of_the_year`)).body).toEqual(byDay.body);
  });

  it('filters: several values of a key are an OR, several keys an AND; type selects rating types', async () => {
    const total = async (query: string) => (await results(`?custom_fields=SUM(qty) AS qty${query}`))[0]?.[2];
    expect(await total('&filters=id:vm1,id:vm3')).toBe(1.4);
    expect(await total('&filters=id:vm1&filters=id:vm2&filters=flavor:large')).toBe(0.2);
    expect(await total('&filters=type:volume,type:ram')).toBe(Number(VOLUME_QTY));
    expect(await total('&filters=type:cpu,project_id:b')).toBe(1);
  });

  it('response_format=object: each row an object of its columns, no columns list', async () => {
    const response = await summary(
      '?groupby=project_id&response_format=object&custom_fields=COUNT(qty) AS n',
    );
    expect(response.body).toEqual({
      total: 2,
      results: [
        { begin: MARCH, end: APRIL, n: 5, project_id: 'a' },
        { begin: MARCH, end: APRIL, n: 1, project_id: 'b' },
      ],
      format: 'object',
    });
  });

  it('custom_fields: MIN, MAX, AVG as numbers, COUNT as an integer, unaliased named as InfluxDB', async () => {
    const response = await summary(
      '?filters=type:cpu&custom_fields=min(qty),MAX(price) AS most,AVG(qty),count(price)',
    );
    expect(response.body.columns).toEqual(['begin', 'end', 'min', 'most', 'avg', 'count']);
    expect(response.body.results).toEqual([[MARCH, APRIL, 0.1, 0.5, 0.4, 4]]);
    expect(response.text).toContain(',0.1,0.5,0.4,4]');
  });

  it('pages with limit and offset; total counts every row; past the end: no columns', async () => {
    const all = await results('?groupby=id');
    expect(all.map((row) => row[4])).toEqual(['vm1', 'vm2', 'vm3', 'vol1']);
    const page = await summary('?groupby=id&limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 4, results: all.slice(1, 3) });
    expect((await summary('?groupby=id&offset=4')).body).toEqual({
      total: 4,
      columns: [],
      results: [],
      format: 'table',
    });
  });

  it('answers 200 with nothing when nothing matches, in either format', async () => {
    expect((await summary('?filters=project_id:nobody')).body).toEqual({
      total: 0,
      columns: [],
      results: [],
      format: 'table',
    });
    expect((await summary('?begin=2025-01-01&end=2025-02-01&response_format=object')).body).toEqual({
      total: 0,
      results: [],
      format: 'object',
    });
  });

  it("refuses an unknown time groupby in CloudKitty master's words", async () => {
    for (const entry of ['time-u', 'runtime-x']) {
      const response = await summary(`?groupby=type,${entry}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        message: `Invalid groupby time option. There is no groupby processing for [${entry}].`,
      });
    }
  });

  it.each([
    [
      '?group_by=type',
      'group_by',
      'unknown parameter (this endpoint takes begin, end, groupby, filters, limit,',
    ],
    ['?begin=yesterday', 'begin', 'expected an ISO 8601 date or date-time'],
    ['?begin=2026-03-02&end=2026-03-01', 'end', 'must be after begin'],
    ['?end=2026-03-01&end=2026-03-02', 'end', 'must be given once'],
    ['?limit=0', 'limit', 'expected a whole number from 1 to 1000'],
    ['?limit=1001', 'limit', "got '1001'"],
    ['?offset=-1', 'offset', 'expected a whole number from 0'],
    ['?filters=type', 'filters', "invalid key:value association 'type'"],
    ['?filters=a:1:2', 'filters', "invalid key:value association 'a:1:2'"],
    ['?response_format=csv', 'response_format', "expected table or object, got 'csv'"],
    ['?response_format=TABLE', 'response_format', "got 'TABLE'"],
    ['?groupby=type,', 'groupby', 'empty groupby key'],
    ['?groupby=begin', 'groupby', "'begin' is a column of every row already"],
    ['?custom_fields=', 'custom_fields', 'empty field'],
    ['?custom_fields=LAST(qty) AS qty', 'custom_fields', "unknown function 'LAST'"],
    ['?custom_fields=SUM(rate)', 'custom_fields', "unknown column 'rate'"],
    ['?custom_fields=*', 'custom_fields', "'*' (every column) is not supported"],
    ['?custom_fields=SUM(SUM(qty))', 'custom_fields', 'nested calls are not supported'],
    [
      `?custom_fields=${encodeURIComponent('SUM(qty) AS x; DROP TABLE points')}`,
      'custom_fields',
      'invalid alias',
    ],
    ['?custom_fields=SUM(qty) AS end', 'custom_fields', "alias 'end' is the name of a column"],
    [
      '?groupby=type&custom_fields=SUM(qty) AS type',
      'custom_fields',
      "alias 'type' is also a groupby column",
    ],
    ['?groupby=sum&custom_fields=SUM(qty)', 'custom_fields', "alias 'sum' is also a groupby column"],
    ['?custom_fields=SUM(qty)&custom_fields=SUM(price)', 'custom_fields', 'must be given once'],
  ])('%s → 400 naming %s', async (query, parameter, detail) => {
    const response = await summary(query);
    expect(response.status).toBe(400);
    const message = String(response.body.message);
    expect(message).toContain(`Invalid parameter '${parameter}'`);
    expect(message).toContain(detail);
  });

  it('never answers 500, whatever custom_fields, groupby and filters say', async () => {
    const piece = fc.constantFrom(
      'SUM',
      'count',
      '(',
      ')',
      'qty',
      'price',
      ',',
      ' AS ',
      'x',
      '*',
      ';',
      "'",
      'time-',
      ':',
      '__proto__',
      '"',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
    );
    await fc.assert(
      fc.asyncProperty(text, text, text, async (fields, groupby, filters) => {
        const query = new URLSearchParams({ custom_fields: fields, groupby, filters });
        const response = await summary(`?${query}`);
        expect([200, 400], response.text).toContain(response.status);
      }),
      { numRuns: 60 },
    );
  });
});
