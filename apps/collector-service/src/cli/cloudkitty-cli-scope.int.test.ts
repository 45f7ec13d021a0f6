/**
 * The real `cloudkitty` CLI's scope commands against `kitty-collect api`, with `serve --once` collecting
 * from the real Prometheus in between: what an operator does to re-rate a window or to stop rating a
 * project.
 */
import { join } from 'node:path';
import {
  type CloudkittyCliAuth,
  cloudkittyCli,
  cloudkittyCliJson,
  PROJECTS,
  waitForHttpOk,
} from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CPU_AND_GAUGE_METRICS } from '../testing/service-files.js';
import { workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';
import { freePort, runService, type ServiceProcess, startService } from './testing/service-process.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta } = PROJECTS;
const DAY = Date.parse('2026-01-04T00:00:00Z');
const iso = (hour: number) => new Date(DAY + hour * 3600_000).toISOString().replace('.000Z', '+00:00');

let conf: string;
let api: ServiceProcess;
let auth: CloudkittyCliAuth;
let base: string;

/** `serve --once` from the day's start up to `untilHour`: its summary line, asserted to exit 0. */
async function serveOnce(untilHour: number): Promise<string> {
  const exit = await runService([
    'serve',
    '--once',
    '--config',
    conf,
    '--since',
    iso(0),
    '--until',
    iso(untilHour),
  ]);
  const text = exit.lines.map((line) => line.text).join('\n');
  expect(exit.code, text).toBe(0);
  return text;
}

interface Frame {
  period: { begin: string; end: string };
  usage: Record<string, { groupby: Record<string, string> }[]>;
}

/** Every stored frame of the day, one per (period, scope), as the API returns them. */
async function storedFrames(): Promise<Map<string, Frame['usage']>> {
  const response = await fetch(
    `${base}/v2/dataframes?begin=${iso(0)}&end=${iso(24)}&limit=1000`.replaceAll('+', '%2B'),
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { dataframes: Frame[] };
  const frames = new Map<string, Frame['usage']>();
  for (const frame of body.dataframes) {
    for (const [type, points] of Object.entries(frame.usage)) {
      for (const point of points) {
        const key = `${frame.period.begin} ${point.groupby.project_id}`;
        const usage = frames.get(key) ?? {};
        usage[type] = [...(usage[type] ?? []), point];
        frames.set(key, usage);
      }
    }
  }
  return frames;
}

/**
 * `cloudkitty scope patch`: python-cloudkittyclient 4.6 returns the API's answer (the updated scope, as
 * CloudKitty master answers) from a cliff Command, which cliff takes for a failure: it prints the scope on
 * stderr and exits 1 although the change is applied — against CloudKitty master as here. Its stderr.
 */
async function patchScope(scopeId: string, active: 'true' | 'false'): Promise<string> {
  const result = await cloudkittyCli(auth, ['scope', 'patch', '--scope-id', scopeId, '--active', active]);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(`'scope_id': '${scopeId}'`);
  return result.stderr;
}

const scopeStates = () =>
  cloudkittyCliJson<{ 'Scope ID': string; State: string | null }[]>(auth, ['scope', 'state', 'get']);

beforeAll(async () => {
  const port = await freePort();
  const dir = await workspace({
    'metrics.yml': CPU_AND_GAUGE_METRICS,
    'cloudkitty.conf': serviceConf({
      collector: { prometheusUrl: apiUrl },
      fetcher: { sources: [alpha, beta] },
      kittyCollect: `listen = 127.0.0.1:${port}\n`,
    }),
  });
  conf = join(dir, 'cloudkitty.conf');
  api = startService(['api', '--config', conf]);
  base = `http://127.0.0.1:${port}`;
  auth = { endpoint: base };
  await waitForHttpOk(`${base}/healthz`, { timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

describe('cloudkitty scope state get / reset, then serve --once', () => {
  it('lists each scope with its last processed period start; a reset makes serve --once collect the same frames again', async () => {
    expect(await serveOnce(6)).toContain('2 scopes, 12 periods stored');
    const reference = await storedFrames();
    expect(reference.size).toBe(12);
    const states = await scopeStates();
    expect(states).toEqual(
      [alpha, beta].sort().map((scopeId) => ({
        'Scope ID': scopeId,
        'Scope Key': 'project_id',
        Collector: 'prometheus',
        Fetcher: 'source',
        // CloudKitty's state: the START of the last stored period (05:00–06:00).
        State: iso(5),
      })),
    );

    const reset = await cloudkittyCli(auth, ['scope', 'state', 'reset', '--scope-id', alpha, iso(2)]);
    expect(reset, reset.stderr).toMatchObject({ code: 0 });
    const afterReset = await storedFrames();
    expect([...afterReset.keys()].filter((key) => key.endsWith(alpha)).sort()).toEqual(
      [0, 1].map((hour) => `${iso(hour)} ${alpha}`),
    );
    expect([...afterReset.keys()].filter((key) => key.endsWith(beta))).toHaveLength(6);

    expect(await serveOnce(6)).toContain('2 scopes, 4 periods stored');
    expect(await storedFrames()).toEqual(reference);
    expect((await scopeStates()).map((scope) => scope.State)).toEqual([iso(5), iso(5)]);
  });
});

describe('cloudkitty scope patch --active', () => {
  it('an inactive scope is skipped by serve --once; activated again, it catches up', async () => {
    const patched = await patchScope(beta, 'false');
    expect(patched).toContain("'active': False");
    const listed = await fetch(`${base}/v2/scope?scope_id=${beta}`);
    expect(((await listed.json()) as { results: { active: boolean }[] }).results[0]?.active).toBe(false);

    await serveOnce(8);
    const frames = await storedFrames();
    expect(frames.has(`${iso(7)} ${alpha}`)).toBe(true);
    expect(frames.has(`${iso(6)} ${beta}`)).toBe(false);
    const stateOf = async (scopeId: string) =>
      (await scopeStates()).find((scope) => scope['Scope ID'] === scopeId)?.State;
    expect([await stateOf(alpha), await stateOf(beta)]).toEqual([iso(7), iso(5)]);

    expect(await patchScope(beta, 'true')).toContain("'active': True");
    await serveOnce(8);
    expect(await stateOf(beta)).toBe(iso(7));
    expect((await storedFrames()).has(`${iso(6)} ${beta}`)).toBe(true);
  });
});
