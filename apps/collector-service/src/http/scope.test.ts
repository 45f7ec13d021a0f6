import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { hourFrame, hoursAfter } from '../storage/testing/frames.js';
import { TempStorageDir } from '../storage/testing/temp-storage.js';
import { type ApiServer, createApiServer } from './api-server.js';
import { ServiceMetrics } from './metrics.js';
import { NOT_UNDERSTOOD } from './request-body.js';
import { NO_SELECTOR, NO_TIMESTAMP } from './routes/scope/put.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-15T12:00:00Z');
const NOT_FOUND = { message: 'No resource found for provided filters.' };
/** What the service itself uses: a scope without its own attributes shows these. */
const SERVICE = { scope_key: 'project_id', fetcher: 'keystone', collector: 'aetos' };

/** Every field of one scope as /v2/scope answers it: an active scope, ok, of the service, unless given. */
function scopeAnswer(
  fields: Record<string, unknown> & { scope_id: string; last_processed_timestamp: string },
) {
  return {
    ...SERVICE,
    active: true,
    scope_activation_toggle_date: null,
    // CloudKitty 17's copy of last_processed_timestamp.
    state: fields.last_processed_timestamp,
    collection_state: 'ok',
    failures: 0,
    last_error: null,
    next_attempt_at: null,
    updated_at: '2026-03-15T12:00:00+00:00',
    ...fields,
  };
}

let temp: TempStorageDir;
let storage: SqliteStorage;
let now: Date;
let api: ApiServer;
let baseUrl: string;

/**
 * Scopes a and b: six one-hour periods from T0 (state 05:00), two points each. Scope c: one failure,
 * nothing stored (no last processed period).
 */
beforeEach(async () => {
  temp = new TempStorageDir();
  now = NOW;
  storage = temp.open(undefined, { now: () => now });
  for (const scope of ['a', 'b']) {
    for (let hour = 0; hour < 6; hour += 1) {
      storage.commitPeriod(
        scope,
        hourFrame(scope, hoursAfter(T0, hour), [
          { type: 'cpu', qty: `${hour}` },
          { type: 'ram', qty: '2', groupby: { id: `${scope}-vm` } },
        ]),
      );
    }
  }
  storage.recordFailure('c', 'Aetos: 403 Forbidden', hoursAfter(NOW, 1));
  api = createApiServer({
    storage,
    metrics: new ServiceMetrics({ processMetrics: false }),
    health: () => ({ healthy: true }),
    scopeSource: { scopeKey: 'project_id', fetcher: 'keystone', collector: 'aetos' },
    periodSeconds: 3600,
    now: () => now,
  });
  ({ url: baseUrl } = await api.listen('127.0.0.1', 0));
});

afterEach(async () => {
  await api.close();
  temp.cleanup();
});

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One request to /v2/scope; `body` is sent as JSON unless it is already a string. */
async function scope(method: string, options: { query?: string; body?: unknown } = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}/v2/scope${options.query ?? ''}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

async function ids(query = ''): Promise<string[]> {
  const answer = await scope('GET', { query });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { results: { scope_id: string }[] }).results.map((result) => result.scope_id);
}

/** Starts (HH:MM) of a scope's stored periods. */
function storedHours(scopeId: string): string[] {
  return storage
    .queryDataFrames({ scopeIds: [scopeId] })
    .dataframes.map((frame) => frame.period.begin.slice(11, 16));
}

function expectError(answer: Answer, status: number, message: string): void {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { message } });
}

/** A request answered with this error that left every scope state as it was. */
async function expectRefused(method: string, body: unknown, status: number, message: string): Promise<void> {
  const before = storage.listScopeStates();
  expectError(await scope(method, { body }), status, message);
  expect(storage.listScopeStates()).toEqual(before);
}

describe('/v2/scope', () => {
  it('takes GET, PUT, PATCH and POST', async () => {
    const options = await scope('OPTIONS');
    expect(options.headers.get('allow')).toBe('GET, PUT, PATCH, POST, HEAD, OPTIONS');
    const remove = await scope('DELETE', { body: { scope_id: 'a' } });
    expectError(remove, 405, 'The method is not allowed for the requested URL.');
  });
});

describe('GET /v2/scope', () => {
  it("lists active and inactive scopes with CloudKitty master's fields, the scope's own attributes or the service's", async () => {
    now = hoursAfter(NOW, 1);
    storage.updateScope('b', {
      active: false,
      scopeKey: 'tenant_id',
      fetcher: 'source',
      collector: 'gnocchi',
    });
    const answer = await scope('GET');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      results: [
        scopeAnswer({ scope_id: 'a', last_processed_timestamp: '2026-03-01T05:00:00+00:00' }),
        scopeAnswer({
          scope_id: 'b',
          scope_key: 'tenant_id',
          fetcher: 'source',
          collector: 'gnocchi',
          last_processed_timestamp: '2026-03-01T05:00:00+00:00',
          active: false,
          scope_activation_toggle_date: '2026-03-15T13:00:00+00:00',
          updated_at: '2026-03-15T13:00:00+00:00',
        }),
        expect.objectContaining({
          scope_id: 'c',
          last_processed_timestamp: null,
          collection_state: 'failing',
        }),
      ],
      total: 3,
    });
  });

  it('filters on active (0/1) and on the attributes each scope uses', async () => {
    storage.updateScope('b', { active: false, fetcher: 'source' });
    expect(await ids('?active=1')).toEqual(['a', 'c']);
    expect(await ids('?active=0')).toEqual(['b']);
    expect(await ids('?active=0,1')).toEqual(['a', 'b', 'c']);
    expect(await ids('?fetcher=source')).toEqual(['b']);
    expect(await ids('?fetcher=keystone&active=1')).toEqual(['a', 'c']);
    expect(await ids('?scope_id=b,c&fetcher=keystone')).toEqual(['c']);
    expect(await ids('?scope_key=project_id&collector=aetos')).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['?active=2', 404, NOT_FOUND.message],
    ['?fetcher=source', 404, NOT_FOUND.message],
    ['?offset=3', 404, NOT_FOUND.message],
    ['?active=yes', 400, "Invalid parameter 'active': expected whole numbers, got 'yes'"],
    ['?limit=0', 400, "Invalid parameter 'limit': expected a whole number from 1 to 1000, got '0'"],
    [
      '?state=ok',
      400,
      "Invalid parameter 'state': unknown parameter (this endpoint takes scope_id, scope_key, fetcher, collector, active, limit, offset)",
    ],
  ])('%s → %i', async (query, status, message) => {
    expectError(await scope('GET', { query }), status, message);
  });
});

describe('PUT /v2/scope (reset)', () => {
  it('answers 202 {} as CloudKitty; the period starting at the timestamp is collected again, and every later one', async () => {
    const answer = await scope('PUT', {
      body: { scope_id: 'a', last_processed_timestamp: '2026-03-01T03:00:00Z' },
    });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 202, body: {} });
    expect(storedHours('a')).toEqual(['00:00', '01:00', '02:00']);
    expect(storedHours('b')).toHaveLength(6);
    // The state is the period before: the loop's next period starts at 03:00 (CloudKitty's 04:00).
    expect(storage.getScopeState('a')?.lastProcessed).toEqual(hoursAfter(T0, 2));
    storage.commitPeriod('a', hourFrame('a', hoursAfter(T0, 3), [{ type: 'cpu', qty: '3' }]));
  });

  it('selects all scopes, or ids (a comma list or a list), narrowed by the attributes each scope uses', async () => {
    storage.updateScope('b', { fetcher: 'source' });
    const reset = async (body: Record<string, unknown>) => {
      const answer = await scope('PUT', {
        body: { last_processed_timestamp: '2026-03-01T05:00:00+00:00', ...body },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
      return ['a', 'b', 'c'].filter(
        (id) => storage.getScopeState(id)?.lastProcessed?.getTime() === hoursAfter(T0, 4).getTime(),
      );
    };
    expect(await reset({ all_scopes: true, fetcher: 'source' })).toEqual(['b']);
    expect(await reset({ scope_id: ['a'], scope_key: 'project_id' })).toEqual(['a', 'b']);
    expect(await reset({ all_scopes: 1, fetcher: ['keystone', 'x'] })).toEqual(['a', 'b', 'c']);
    expect(await reset({ scope_id: 'b,c' })).toEqual(['a', 'b', 'c']);
    expect(storedHours('a')).toHaveLength(5);
  });

  it("takes CloudKitty 17's `state` (python-cloudkittyclient sends it); last_processed_timestamp wins", async () => {
    expect((await scope('PUT', { body: { scope_id: 'a', state: '2026-03-01T04:00:00' } })).status).toBe(202);
    expect(storage.getScopeState('a')?.lastProcessed).toEqual(hoursAfter(T0, 3));
    const both = {
      scope_id: 'a',
      state: '2026-03-01T01:00:00Z',
      last_processed_timestamp: '2026-03-01T02:00:00Z',
    };
    expect((await scope('PUT', { body: both })).status).toBe(202);
    expect(storage.getScopeState('a')?.lastProcessed).toEqual(hoursAfter(T0, 1));
  });

  it('resets a scope never processed and a failing one, clearing the failure', async () => {
    storage.recordFailure('a', 'boom', hoursAfter(NOW, 1));
    const answer = await scope('PUT', {
      body: { scope_id: ['a', 'c'], last_processed_timestamp: '2026-03-01T00:30:00Z' },
    });
    // c has no period yet: any instant starts its periods. a's periods start on the hour: refused.
    expect(answer.status).toBe(400);
    expect(
      (await scope('PUT', { body: { scope_id: 'c', last_processed_timestamp: '2026-03-01T00:30:00Z' } }))
        .status,
    ).toBe(202);
    expect(storage.getScopeState('c')).toMatchObject({
      lastProcessed: new Date('2026-02-28T23:30:00Z'),
      state: 'ok',
      failures: 0,
    });
    expect(storage.getScopeState('c')).not.toHaveProperty('lastError');
  });

  it.each<[string, unknown, number, string]>([
    [
      'no selector',
      { last_processed_timestamp: '2026-03-01T03:00:00Z', scope_key: 'project_id' },
      400,
      NO_SELECTOR,
    ],
    [
      'all_scopes false',
      { all_scopes: false, last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      NO_SELECTOR,
    ],
    ['no body', '', 400, NO_SELECTOR],
    ['no timestamp', { all_scopes: true }, 400, NO_TIMESTAMP],
    [
      'both selectors',
      { all_scopes: true, scope_id: 'a', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'scope_id': two or more values in the same group of exclusion 'scope_selector'",
    ],
    [
      'both selectors, all_scopes false',
      { all_scopes: false, scope_id: 'a', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'scope_id': two or more values in the same group of exclusion 'scope_selector'",
    ],
    [
      'a timestamp that is no date',
      { scope_id: 'a', last_processed_timestamp: 'yesterday' },
      400,
      "Invalid parameter 'last_processed_timestamp': expected dt_from_iso, got 'yesterday'",
    ],
    [
      'a timestamp that is no string',
      { scope_id: 'a', state: 1772323200 },
      400,
      "Invalid parameter 'state': expected an ISO 8601 date-time",
    ],
    [
      'an unknown key',
      { scope_id: 'a', last_processed_timestamp: '2026-03-01T03:00:00Z', scope: 'a', limit: 1 },
      400,
      "Invalid parameter 'scope': extra keys not allowed; Invalid parameter 'limit': extra keys not allowed",
    ],
    [
      'a scope_id that is a number',
      { scope_id: 7, last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'scope_id': expected a string or a list of strings",
    ],
    [
      'an empty scope_id list',
      { scope_id: [], last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'scope_id': expected at least one value",
    ],
    [
      'all_scopes a string',
      { all_scopes: 'yes', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'all_scopes': expected a boolean",
    ],
    [
      'a body that is a list',
      [],
      400,
      "Invalid parameter 'body': Invalid input: expected object, received array",
    ],
    ['a body that is not JSON', '{"scope_id": ', 400, NOT_UNDERSTOOD],
    [
      'an unknown scope',
      { scope_id: 'zzz', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      404,
      NOT_FOUND.message,
    ],
    [
      'filters that match no scope',
      { all_scopes: true, collector: 'gnocchi', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      404,
      NOT_FOUND.message,
    ],
    [
      'a timestamp between two period starts',
      { all_scopes: true, last_processed_timestamp: '2026-03-01T03:30:00+01:00' },
      400,
      "Invalid parameter 'last_processed_timestamp': 2026-03-01T02:30:00+00:00 does not start a period of scope a (and 1 more scopes): its periods of 3600 s start at 2026-03-01T02:00:00+00:00 and 2026-03-01T03:00:00+00:00",
    ],
  ])('%s → %i, nothing reset', async (_case, body, status, message) => {
    expectError(await scope('PUT', { body }), status, message);
    expect(storage.countDataFrames()).toBe(12);
    expect(storage.getScopeState('c')).toMatchObject({ state: 'failing' });
  });
});

describe('PATCH /v2/scope', () => {
  it('answers the updated scope as one object; the toggle date moves only when active changes', async () => {
    now = hoursAfter(NOW, 1);
    const off = await scope('PATCH', { body: { scope_id: 'a', active: false } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual(
      scopeAnswer({
        scope_id: 'a',
        last_processed_timestamp: '2026-03-01T05:00:00+00:00',
        active: false,
        scope_activation_toggle_date: '2026-03-15T13:00:00+00:00',
        updated_at: '2026-03-15T13:00:00+00:00',
      }),
    );
    now = hoursAfter(NOW, 2);
    // python-cloudkittyclient sends strtobool's 0 and 1.
    const again = await scope('PATCH', { body: { scope_id: 'a', active: 0, fetcher: 'source' } });
    expect(again.body).toMatchObject({
      active: false,
      fetcher: 'source',
      scope_activation_toggle_date: '2026-03-15T13:00:00+00:00',
    });
    const on = await scope('PATCH', { body: { scope_id: 'a', active: 1 } });
    expect(on.body).toMatchObject({
      active: true,
      scope_activation_toggle_date: '2026-03-15T14:00:00+00:00',
    });
    expect(await ids('?fetcher=source')).toEqual(['a']);
  });

  it('sets scope_key, fetcher and collector; what is left out stays', async () => {
    const answer = await scope('PATCH', {
      body: { scope_id: 'c', scope_key: 'tenant_id', collector: 'gnocchi' },
    });
    expect(answer.body).toMatchObject({
      scope_id: 'c',
      scope_key: 'tenant_id',
      fetcher: 'keystone',
      collector: 'gnocchi',
      active: true,
      last_processed_timestamp: null,
      state: null,
      collection_state: 'failing',
      last_error: 'Aetos: 403 Forbidden',
    });
    expect(storage.getScopeState('c')).toMatchObject({ scopeKey: 'tenant_id', collector: 'gnocchi' });
  });

  it.each<[string, unknown, number, string]>([
    ['an unknown scope', { scope_id: 'zzz', active: false }, 404, NOT_FOUND.message],
    ['no scope_id', { active: false }, 400, "Invalid parameter 'scope_id': required key not provided"],
    ['no body', '', 400, "Invalid parameter 'scope_id': required key not provided"],
    ['a list of scope ids', { scope_id: ['a'] }, 400, "Invalid parameter 'scope_id': expected a string"],
    [
      'active a string',
      { scope_id: 'a', active: 'false' },
      400,
      "Invalid parameter 'active': expected a boolean",
    ],
    ['active 2', { scope_id: 'a', active: 2 }, 400, "Invalid parameter 'active': expected a boolean"],
    [
      'an empty scope_key',
      { scope_id: 'a', scope_key: '' },
      400,
      "Invalid parameter 'scope_key': must not be empty",
    ],
    [
      'a fetcher that is null',
      { scope_id: 'a', fetcher: null },
      400,
      "Invalid parameter 'fetcher': expected a string",
    ],
    [
      'an unknown key',
      { scope_id: 'a', last_processed_timestamp: '2026-03-01T03:00:00Z' },
      400,
      "Invalid parameter 'last_processed_timestamp': extra keys not allowed",
    ],
  ])('%s → %i, nothing changed', (_case, body, status, message) =>
    expectRefused('PATCH', body, status, message),
  );
});

describe('POST /v2/scope', () => {
  it('creates a scope, active and toggled now, answered 200 with it as master does', async () => {
    const answer = await scope('POST', {
      body: { scope_id: 'new', last_processed_timestamp: '2026-03-01T05:00:00Z' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      scopeAnswer({
        scope_id: 'new',
        last_processed_timestamp: '2026-03-01T05:00:00+00:00',
        scope_activation_toggle_date: '2026-03-15T12:00:00+00:00',
      }),
    );
    expect(await ids('?scope_id=new')).toEqual(['new']);
    // The loop continues after it.
    storage.commitPeriod('new', hourFrame('new', hoursAfter(T0, 6), [{ type: 'cpu', qty: '1' }]));
  });

  it('takes the attributes and active', async () => {
    const body = {
      scope_id: 'own',
      last_processed_timestamp: '2026-03-01T00:00:00+02:00',
      scope_key: 'tenant_id',
      fetcher: 'source',
      collector: 'gnocchi',
      active: false,
    };
    const answer = await scope('POST', { body });
    expect(answer.body).toMatchObject({ ...body, last_processed_timestamp: '2026-02-28T22:00:00+00:00' });
    expect(await ids('?active=0')).toEqual(['own']);
  });

  it.each<[string, unknown, number, string]>([
    [
      'an existing scope',
      { scope_id: 'a', last_processed_timestamp: '2026-03-01T00:00:00Z' },
      404,
      'Cannot create a scope with an already existing scope_id: a.',
    ],
    [
      'a scope the loop failed on',
      { scope_id: 'c', last_processed_timestamp: '2026-03-01T00:00:00Z' },
      404,
      'Cannot create a scope with an already existing scope_id: c.',
    ],
    [
      'no timestamp',
      { scope_id: 'new' },
      400,
      "Invalid parameter 'last_processed_timestamp': required key not provided",
    ],
    [
      'no scope_id',
      { last_processed_timestamp: '2026-03-01T00:00:00Z' },
      400,
      "Invalid parameter 'scope_id': required key not provided",
    ],
    [
      'a bad timestamp',
      { scope_id: 'new', last_processed_timestamp: '2026-02-30' },
      400,
      "Invalid parameter 'last_processed_timestamp': expected dt_from_iso, got '2026-02-30'",
    ],
    [
      'an unknown key',
      { scope_id: 'new', last_processed_timestamp: '2026-03-01T00:00:00Z', state: 'ok' },
      400,
      "Invalid parameter 'state': extra keys not allowed",
    ],
    [
      'active null',
      { scope_id: 'new', last_processed_timestamp: '2026-03-01T00:00:00Z', active: null },
      400,
      "Invalid parameter 'active': expected a boolean",
    ],
  ])('%s → %i, nothing created', (_case, body, status, message) =>
    expectRefused('POST', body, status, message),
  );

  it('answers an existing inactive scope the same (CloudKitty master only sees active ones)', async () => {
    storage.updateScope('b', { active: false });
    const answer = await scope('POST', {
      body: { scope_id: 'b', last_processed_timestamp: '2026-03-01T00:00:00Z' },
    });
    expectError(answer, 404, 'Cannot create a scope with an already existing scope_id: b.');
  });
});

describe('any JSON body', () => {
  it('is answered 2xx, 400 or 404, never 500', async () => {
    const keys = [
      'scope_id',
      'all_scopes',
      'scope_key',
      'fetcher',
      'collector',
      'active',
      'state',
      'last_processed_timestamp',
      'x',
    ];
    const value = fc.oneof(
      fc.constantFrom('a', 'c', 'zzz', '', 'a,b', '2026-03-01T03:00:00Z', '2026-03-01T03:17:00Z', 'yes'),
      fc.boolean(),
      fc.integer({ min: -1, max: 2 }),
      fc.constant(null),
      fc.array(fc.constantFrom('a', 'b', '', 1), { maxLength: 2 }),
      fc.dictionary(fc.constantFrom('a'), fc.constant(1)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'PATCH', 'POST'),
        fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), value),
        async (method, body) => {
          const answer = await scope(method, { body });
          expect([200, 202, 400, 404], JSON.stringify({ body, answer: answer.body })).toContain(
            answer.status,
          );
          expect(answer.body).toEqual(
            answer.status < 300 ? expect.any(Object) : { message: expect.any(String) },
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
