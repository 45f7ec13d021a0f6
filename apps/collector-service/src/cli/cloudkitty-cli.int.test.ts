/**
 * The real `cloudkitty` CLI (Debian's python3-cloudkittyclient) against `kitty-collect api`: what an
 * operator's tools see when kitty-collect takes CloudKitty's place. Expected values are computed here from
 * the frames the test posts, never read back from kitty-collect.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExactDecimal } from '@kitty-collect/collector-base';
import {
  type CloudkittyCliAuth,
  cloudkittyCli,
  cloudkittyCliJson,
  waitForHttpOk,
} from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CPU_AND_GAUGE_METRICS } from '../testing/service-files.js';
import { workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';
import { freePort, type ServiceProcess, startService } from './testing/service-process.js';

const apiUrl = inject('prometheusApiUrl');

/** Posted usage: December 2026 (far from the dataset's January), hours 0–2, projects p-a and p-b. */
const DAY = Date.parse('2026-12-01T00:00:00Z');
const iso = (hour: number) => new Date(DAY + hour * 3600_000).toISOString().replace('.000Z', '+00:00');

interface PostedPoint {
  begin: string;
  end: string;
  type: string;
  unit: string;
  qty: string;
  price: string;
  groupby: Record<string, string>;
  metadata: Record<string, string>;
}

/** Every posted point, in the order CloudKitty's API returns them: by period, then as posted. */
const POSTED: PostedPoint[] = [0, 1, 2].flatMap((hour) =>
  ['p-a', 'p-b'].flatMap((project, p): PostedPoint[] => [
    {
      begin: iso(hour),
      end: iso(hour + 1),
      type: 'instance',
      unit: 'instance',
      qty: '1',
      price: `0.${hour + 1}${p}5`,
      groupby: { id: `vm-${project}-${hour}`, project_id: project },
      metadata: { flavor_name: p === 0 ? 'm1.small' : 'm1.large' },
    },
    {
      begin: iso(hour),
      end: iso(hour + 1),
      type: 'volume.size',
      unit: 'GiB',
      qty: hour === 2 && p === 1 ? '123456789.123456789' : `${10 * (hour + 1)}.5`,
      price: '0.000000001',
      groupby: { id: `vol-${project}`, project_id: project },
      metadata: { volume_type: 'ssd' },
    },
  ]),
);

function postedFrames() {
  const frames = new Map<
    string,
    { period: { begin: string; end: string }; usage: Record<string, unknown[]> }
  >();
  for (const point of POSTED) {
    const frame = frames.get(point.begin) ?? { period: { begin: point.begin, end: point.end }, usage: {} };
    frames.set(point.begin, frame);
    const points = frame.usage[point.type] ?? [];
    frame.usage[point.type] = points;
    points.push({
      vol: { unit: point.unit, qty: point.qty },
      rating: { price: point.price },
      groupby: point.groupby,
      metadata: point.metadata,
    });
  }
  return { dataframes: [...frames.values()] };
}

/** A posted point as `cloudkitty dataframes get -f json` prints it (floats, labels as k="v"). */
function cliRow(point: PostedPoint) {
  const labels = (record: Record<string, string>) =>
    Object.entries(record)
      .map(([key, value]) => `${key}="${value}"`)
      .join(' ');
  return {
    Begin: point.begin,
    End: point.end,
    'Metric Type': point.type,
    Unit: point.unit,
    Quantity: Number(point.qty),
    Price: Number(point.price),
    'Group By': labels(point.groupby),
    Metadata: labels(point.metadata),
  };
}

/**
 * The order GET /v2/dataframes returns points in, as kitty-collect documents it: points ordered by
 * (period, scope, storing order) are paged, then regrouped per period by rating type (in order of
 * appearance) — the CLI prints each frame's usage type by type.
 */
function asReturned(stored: readonly PostedPoint[], page?: { offset: number; limit: number }): PostedPoint[] {
  const ordered = stored
    .map((point, id) => ({ point, id }))
    .sort(
      (a, b) =>
        a.point.begin.localeCompare(b.point.begin) ||
        (a.point.groupby.project_id ?? '').localeCompare(b.point.groupby.project_id ?? '') ||
        a.id - b.id,
    )
    .map(({ point }) => point);
  const paged = page === undefined ? ordered : ordered.slice(page.offset, page.offset + page.limit);
  const periods = new Map<string, Map<string, PostedPoint[]>>();
  for (const point of paged) {
    const types = periods.get(point.begin) ?? new Map<string, PostedPoint[]>();
    periods.set(point.begin, types);
    types.set(point.type, [...(types.get(point.type) ?? []), point]);
  }
  return [...periods.values()].flatMap((types) => [...types.values()].flat());
}

let dir: string;
let api: ServiceProcess;
let auth: CloudkittyCliAuth;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  dir = await workspace({
    'metrics.yml': CPU_AND_GAUGE_METRICS,
    'cloudkitty.conf': serviceConf({
      collector: { prometheusUrl: apiUrl },
      fetcher: { sources: ['p-a', 'p-b'] },
      kittyCollect: `listen = 127.0.0.1:${port}\n`,
    }),
    'frames.json': JSON.stringify(postedFrames()),
  });
  api = startService(['api', '--config', join(dir, 'cloudkitty.conf')], { cwd: dir });
  base = `http://127.0.0.1:${port}`;
  await waitForHttpOk(`${base}/healthz`, { timeoutMs: 30_000 });
  auth = { endpoint: base };
  const added = await cloudkittyCli(auth, ['dataframes', 'add', join(dir, 'frames.json')]);
  expect(added, added.stderr).toMatchObject({ code: 0, stdout: '' });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

const WINDOW = ['-b', iso(0), '-e', iso(24)];

describe('cloudkitty dataframes add / get', () => {
  it('gets back every posted point, quantities as the float CloudKitty gives', async () => {
    const rows = await cloudkittyCliJson<unknown[]>(auth, ['dataframes', 'get', ...WINDOW]);
    expect(rows).toEqual(asReturned(POSTED).map(cliRow));
    // 123456789.123456789 parses to the same float as CloudKitty's encoder writes.
    expect(rows).toContainEqual(expect.objectContaining({ Quantity: 123456789.12345679 }));
  });

  it('filters (groupby, metadata, type), limit and offset count points', async () => {
    const get = (...args: string[]) =>
      cloudkittyCliJson<unknown[]>(auth, ['dataframes', 'get', ...WINDOW, ...args]);
    const matching = (keep: (point: PostedPoint) => boolean) => asReturned(POSTED.filter(keep)).map(cliRow);
    expect(await get('--filter', 'project_id:p-b')).toEqual(
      matching((point) => point.groupby.project_id === 'p-b'),
    );
    expect(await get('--filter', 'flavor_name:m1.small')).toEqual(
      matching((point) => point.metadata.flavor_name === 'm1.small'),
    );
    expect(await get('--filter', 'type:volume.size', '--filter', 'project_id:p-a')).toEqual(
      matching((point) => point.type === 'volume.size' && point.groupby.project_id === 'p-a'),
    );
    expect(await get('--limit', '5', '--offset', '3')).toEqual(
      asReturned(POSTED, { offset: 3, limit: 5 }).map(cliRow),
    );
  });

  it('a point posted again with the same key replaces the stored one', async () => {
    const [first] = POSTED;
    if (first === undefined) throw new Error('no posted point');
    const again = { ...first, qty: '7', price: '3.5' };
    const file = join(dir, 'again.json');
    await writeFile(
      file,
      JSON.stringify({
        dataframes: [
          {
            period: { begin: again.begin, end: again.end },
            usage: {
              [again.type]: [
                {
                  vol: { unit: again.unit, qty: again.qty },
                  rating: { price: again.price },
                  groupby: again.groupby,
                  metadata: again.metadata,
                },
              ],
            },
          },
        ],
      }),
    );
    expect((await cloudkittyCli(auth, ['dataframes', 'add', file])).code).toBe(0);
    const rows = await cloudkittyCliJson<unknown[]>(auth, ['dataframes', 'get', '-b', iso(0), '-e', iso(1)]);
    // The replacement is stored after the scope's other points of that period.
    expect(rows).toEqual(asReturned([...POSTED.slice(1, 4), again]).map(cliRow));
    // Restore the original for the other tests.
    const restore = join(dir, 'restore.json');
    await writeFile(restore, JSON.stringify({ dataframes: [postedFrames().dataframes[0]] }));
    expect((await cloudkittyCli(auth, ['dataframes', 'add', restore])).code).toBe(0);
  });

  it('refuses an empty list and a malformed point with CloudKitty-style 400s', async () => {
    const post = (body: string) =>
      fetch(`${base}/v2/dataframes`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    const empty = await post('{"dataframes": []}');
    expect([empty.status, await empty.json()]).toEqual([
      400,
      { message: 'Parameter dataframes must not be empty.' },
    ]);
    const notJson = await post('{"dataframes": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      message: 'The browser (or proxy) sent a request that this server could not understand.',
    });
    const bad = await post(
      JSON.stringify({
        dataframes: [
          {
            period: { begin: iso(0), end: iso(1) },
            usage: { cpu: [{ vol: { unit: 'i', qty: 'many' }, groupby: {}, metadata: {} }] },
          },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /dataframes\[0\]\.usage\.cpu\[0\]\.vol\.qty/,
    );
    const cli = await cloudkittyCli(auth, ['dataframes', 'add', join(dir, 'missing.json')]);
    expect(cli.code).not.toBe(0);
  });
});

type ExactValue = InstanceType<typeof ExactDecimal>;

/**
 * The summary CloudKitty computes from the posted points: rows grouped by `keys` (`time` → one row per
 * period), SUM(qty) AS qty and SUM(price) AS rate summed exactly, as the CLI prints them (columns
 * capitalised, `_` → space; aggregates as floats).
 */
function expectedSummary(
  points: readonly PostedPoint[],
  keys: readonly string[],
  range: { begin: string; end: string },
): Record<string, unknown>[] {
  const value = (point: PostedPoint, key: string) =>
    key === 'type'
      ? point.type
      : key === 'time'
        ? point.begin
        : (point.groupby[key] ?? point.metadata[key] ?? null);
  const groups = new Map<
    string,
    { values: (string | null)[]; qty: ExactValue; price: ExactValue; point: PostedPoint }
  >();
  for (const point of points) {
    const values = keys.map((key) => value(point, key));
    const id = JSON.stringify(values);
    const group = groups.get(id) ?? { values, qty: new ExactDecimal(0), price: new ExactDecimal(0), point };
    groups.set(id, { ...group, qty: group.qty.plus(point.qty), price: group.price.plus(point.price) });
  }
  const labelKeys = keys.filter((key) => key !== 'time');
  const sortKey = (values: (string | null)[]) =>
    JSON.stringify([
      ...labelKeys.map((key) => values[keys.indexOf(key)]),
      keys.includes('time') ? values[keys.indexOf('time')] : null,
    ]);
  return [...groups.values()]
    .sort((a, b) => (sortKey(a.values) < sortKey(b.values) ? -1 : 1))
    .map((group) => {
      const row: Record<string, unknown> = keys.includes('time')
        ? { Begin: group.point.begin, End: group.point.end }
        : { Begin: range.begin, End: range.end };
      row.Qty = Number(group.qty.toString());
      row.Rate = Number(group.price.toString());
      for (const key of labelKeys) {
        const name = key.replaceAll('_', ' ');
        row[name.charAt(0).toUpperCase() + name.slice(1)] = group.values[keys.indexOf(key)];
      }
      return row;
    });
}

describe('cloudkitty summary get', () => {
  const range = { begin: iso(0), end: iso(24) };
  const summary = (...args: string[]) =>
    cloudkittyCliJson<Record<string, unknown>[]>(auth, [
      'summary',
      'get',
      '-b',
      range.begin,
      '-e',
      range.end,
      ...args,
    ]);

  it('groups by type, by project_id and type, by time buckets of the collect period', async () => {
    expect(await summary('-g', 'type')).toEqual(expectedSummary(POSTED, ['type'], range));
    expect(await summary('-g', 'project_id', '-g', 'type')).toEqual(
      expectedSummary(POSTED, ['project_id', 'type'], range),
    );
    expect(await summary('-g', 'time', '-g', 'type')).toEqual(
      expectedSummary(POSTED, ['time', 'type'], range),
    );
    // No groupby: one row over everything; the exact sum parses to the float CloudKitty would print.
    expect(await summary()).toEqual(expectedSummary(POSTED, [], range));
  });

  it('filters (AND across keys), and the object format through the API', async () => {
    expect(
      await summary('-g', 'type', '--filter', 'project_id:p-b', '--filter', 'flavor_name:m1.large'),
    ).toEqual(
      expectedSummary(
        POSTED.filter(
          (point) => point.groupby.project_id === 'p-b' && point.metadata.flavor_name === 'm1.large',
        ),
        ['type'],
        range,
      ),
    );
    const object = await fetch(
      `${base}/v2/summary?begin=${encodeURIComponent(range.begin)}&end=${encodeURIComponent(range.end)}&groupby=project_id&filters=type:instance,type:volume.size&response_format=object`,
    );
    expect(object.status).toBe(200);
    const body = (await object.json()) as {
      total: number;
      results: Record<string, unknown>[];
      format: string;
    };
    expect(body.format).toBe('object');
    expect(body.results).toEqual(
      expectedSummary(POSTED, ['project_id'], range).map((row) => ({
        begin: row.Begin,
        end: row.End,
        qty: row.Qty,
        rate: row.Rate,
        project_id: row['Project id'],
      })),
    );
  });
});

describe('cloudkitty scope state get / reset, scope patch', () => {
  // A scope of its own, away from the usage above: December 3rd (the CLI has no create: POST through HTTP).
  const SCOPE = 'p-scope';
  const at = (hour: number) => iso(48 + hour);
  const scopeState = async () => {
    const answer = await fetch(`${base}/v2/scope?scope_id=${SCOPE}`);
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { results: Record<string, unknown>[] }).results[0];
  };
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('lists a scope, resets it (the period at the timestamp is collected again) and deactivates it', async () => {
    const created = await send('POST', '/v2/scope', { scope_id: SCOPE, last_processed_timestamp: at(6) });
    expect(created.status).toBe(200);
    const frame = (hour: number) => ({
      period: { begin: at(hour), end: at(hour + 1) },
      usage: {
        instance: [{ vol: { unit: 'instance', qty: 1 }, groupby: { project_id: SCOPE }, metadata: {} }],
      },
    });
    expect(
      (await send('POST', '/v2/dataframes', { dataframes: [frame(4), frame(5), frame(6)] })).status,
    ).toBe(204);

    // 4.6 prints `state`: CloudKitty 17's copy of last_processed_timestamp, which kitty-collect sends too.
    expect(await cloudkittyCliJson(auth, ['scope', 'state', 'get', '--scope-id', SCOPE])).toEqual([
      {
        'Scope ID': SCOPE,
        'Scope Key': 'project_id',
        Collector: 'prometheus',
        Fetcher: 'source',
        State: at(6),
      },
    ]);

    // The CLI sends the timestamp as `state`: frames from 05:00 deleted, the state one period before.
    const reset = await cloudkittyCli(auth, ['scope', 'state', 'reset', '--scope-id', SCOPE, at(5)]);
    expect(reset, reset.stderr).toMatchObject({ code: 0 });
    expect(await scopeState()).toMatchObject({ last_processed_timestamp: at(4), active: true });
    const left = await fetch(
      `${base}/v2/dataframes?begin=${encodeURIComponent(at(0))}&filters=project_id:${SCOPE}`,
    );
    const frames = ((await left.json()) as { dataframes: { period: { begin: string } }[] }).dataframes;
    expect(frames.map((stored) => stored.period.begin)).toEqual([at(4)]);

    // `--active false` arrives as strtobool's 0. The 4.6 CLI returns the answered scope from a cliff
    // Command, which cliff takes for an exit status: it prints it and exits 1, against CloudKitty master too.
    const off = await cloudkittyCli(auth, ['scope', 'patch', '--scope-id', SCOPE, '--active', 'false']);
    expect(off).toMatchObject({ code: 1, stdout: '' });
    expect(off.stderr).toContain(`'scope_id': '${SCOPE}'`);
    expect(off.stderr).toContain("'active': False");
    expect(await scopeState()).toMatchObject({
      active: false,
      scope_activation_toggle_date: expect.any(String),
    });
    const on = ['scope', 'patch', '--scope-id', SCOPE, '--active', 'true', '--fetcher', 'keystone'];
    expect((await cloudkittyCli(auth, on)).stderr).toContain("'active': True");
    expect(await scopeState()).toMatchObject({ active: true, fetcher: 'keystone' });
  });
});
