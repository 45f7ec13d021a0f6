/**
 * The API behind Keystone, as operators' tools reach it: the real `cloudkitty` CLI authenticating with a
 * password against the test Keystone, finding kitty-collect through the catalog's `rating` service.
 */
import { join } from 'node:path';
import {
  type CloudkittyCliAuth,
  cloudkittyCli,
  cloudkittyCliJson,
  issueToken,
  keystoneRequest,
  type RunningKeystone,
  revokeToken,
  startKeystone,
  waitForHttpOk,
} from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CPU_AND_GAUGE_METRICS, keystonePasswordSection } from '../testing/service-files.js';
import { workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';
import { freePort, type ServiceProcess, startService } from './testing/service-process.js';

const apiUrl = inject('prometheusApiUrl');
const CACHE_SECONDS = 2;
const BEGIN = '2026-12-01T00:00:00+00:00';
const END = '2026-12-02T00:00:00+00:00';

let keystone: RunningKeystone;
let api: ServiceProcess;
let base: string;
/** Every token sent to the API: none may appear in what the service printed. */
const sentTokens: string[] = [];

/** The CLI as `user` of `project`, through the catalog. */
function as(user: { name: string; password: string }, projectName: string): CloudkittyCliAuth {
  return {
    authUrl: keystone.authUrl,
    username: user.name,
    password: user.password,
    projectName,
    regionName: 'RegionOne',
  };
}

beforeAll(async () => {
  keystone = await startKeystone();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const admin = (await keystone.adminToken()).token;
  const service = await keystoneRequest<{ service: { id: string } }>(keystone.authUrl, {
    path: '/services',
    token: admin,
    body: { service: { type: 'rating', name: 'cloudkitty', enabled: true } },
  });
  await keystoneRequest(keystone.authUrl, {
    path: '/endpoints',
    token: admin,
    body: {
      endpoint: {
        service_id: service.body.service.id,
        interface: 'public',
        region_id: 'RegionOne',
        url: base,
      },
    },
  });
  const { cloudkitty } = keystone.fixtures.users;
  const dir = await workspace({
    'metrics.yml': CPU_AND_GAUGE_METRICS,
    'cloudkitty.conf': `${serviceConf({
      collector: { prometheusUrl: apiUrl },
      fetcher: { sources: ['p'] },
      kittyCollect: `listen = 127.0.0.1:${port}\n`,
      authStrategy: 'keystone',
    })}
${keystonePasswordSection('keystone_authtoken', {
  authUrl: keystone.authUrl,
  username: cloudkitty.name,
  password: cloudkitty.password,
  projectName: 'service',
})}
www_authenticate_uri = ${keystone.baseUrl}
token_cache_time = ${CACHE_SECONDS}
`,
  });
  api = startService(['api', '--config', join(dir, 'cloudkitty.conf')]);
  await waitForHttpOk(`${base}/healthz`, { timeoutMs: 30_000 });
  const { demo, ratedA } = keystone.fixtures.projects;
  const frame = (project: string, qty: string) => ({
    period: { begin: BEGIN, end: '2026-12-01T01:00:00+00:00' },
    usage: {
      instance: [
        {
          vol: { unit: 'instance', qty },
          groupby: { id: `vm-${project}`, project_id: project },
          metadata: {},
        },
      ],
    },
  });
  const posted = await fetch(`${base}/v2/dataframes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': admin },
    body: JSON.stringify({ dataframes: [frame(demo.id, '1'), frame(ratedA.id, '2')] }),
  });
  expect(posted.status).toBe(204);
}, 600_000);

afterAll(async () => {
  const exit = await api?.stop();
  await keystone?.stop();
  const printed = exit?.lines.map((line) => line.text).join('\n') ?? '';
  // The 503s were logged (with their redacted cause), the tokens never.
  expect(printed).toContain('HTTP API answered 503');
  for (const token of sentTokens) expect(printed).not.toContain(token);
});

const projectsOf = (rows: { 'Group By': string }[]) =>
  rows.map((row) => /project_id="([^"]+)"/.exec(row['Group By'])?.[1]).sort();

describe('the cloudkitty CLI with Keystone password authentication, through the catalog', () => {
  it('an admin sees every project; a reader or member of demo only demo, and no scope state', async () => {
    const { admin, readerDemo, memberDemo } = keystone.fixtures.users;
    const { demo, ratedA } = keystone.fixtures.projects;
    const window = ['-b', BEGIN, '-e', END];
    const asAdmin = as(admin, 'admin');
    expect(projectsOf(await cloudkittyCliJson(asAdmin, ['dataframes', 'get', ...window]))).toEqual(
      [demo.id, ratedA.id].sort(),
    );
    for (const user of [readerDemo, memberDemo]) {
      const auth = as(user, 'demo');
      expect(projectsOf(await cloudkittyCliJson(auth, ['dataframes', 'get', ...window]))).toEqual([demo.id]);
      // Asking for another project's usage does not widen it: the project filter is forced.
      expect(
        projectsOf(
          await cloudkittyCliJson(auth, [
            'dataframes',
            'get',
            ...window,
            '--filter',
            `project_id:${ratedA.id}`,
          ]),
        ),
      ).toEqual([demo.id]);
      const summary = await cloudkittyCliJson<Record<string, unknown>[]>(auth, [
        'summary',
        'get',
        ...window,
        '-g',
        'project_id',
      ]);
      expect(summary.map((row) => row['Project id'])).toEqual([demo.id]);
      const scopes = await cloudkittyCli(auth, ['scope', 'state', 'get']);
      expect(scopes.code).not.toBe(0);
      expect(scopes.stderr).toContain("Policy doesn't allow scope:get_state to be performed.");
      const reset = await cloudkittyCli(auth, ['scope', 'state', 'reset', '-a', BEGIN]);
      expect(reset.stderr).toContain("Policy doesn't allow scope:reset_state to be performed.");
    }
    const adminSummary = await cloudkittyCliJson<Record<string, unknown>[]>(asAdmin, [
      'summary',
      'get',
      ...window,
      '-g',
      'project_id',
    ]);
    expect(adminSummary.map((row) => row['Project id'])).toEqual([demo.id, ratedA.id].sort());
  }, 120_000);
});

describe('tokens', () => {
  const challenge = () => `Keystone uri="${keystone.baseUrl}"`;
  const unauthorized = {
    error: {
      code: 401,
      title: 'Unauthorized',
      message: 'The request you have made requires authentication.',
    },
  };
  const get = (token?: string) => {
    if (token !== undefined) sentTokens.push(token);
    return fetch(`${base}/v2/dataframes?begin=${encodeURIComponent(BEGIN)}`, {
      headers: token === undefined ? {} : { 'x-auth-token': token },
    });
  };

  it('no token or a tampered one → 401 with WWW-Authenticate; /healthz and /metrics stay open', async () => {
    for (const answer of [await get(), await get(`${(await keystone.adminToken()).token}x`)]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe(challenge());
      expect(await answer.json()).toEqual(unauthorized);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('a token revoked in Keystone → 401 once the cache time has passed', async () => {
    const { readerDemo } = keystone.fixtures.users;
    const issued = await issueToken(keystone.authUrl, {
      username: readerDemo.name,
      password: readerDemo.password,
      project: 'demo',
    });
    expect((await get(issued.token)).status).toBe(200);
    await revokeToken(keystone.authUrl, (await keystone.adminToken()).token, issued.token);
    expect((await get(issued.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, CACHE_SECONDS * 1000 + 200));
    expect((await get(issued.token)).status).toBe(401);
  });

  it('Keystone stopped → 503 for an uncached token, 200 for a cached one', async () => {
    const admin = (await keystone.adminToken()).token;
    const unseen = (await keystone.adminToken()).token;
    expect((await get(admin)).status).toBe(200);
    await keystone.restart({
      whileDown: async () => {
        expect((await get(admin)).status).toBe(200);
        const answer = await get(unseen);
        expect(answer.status).toBe(503);
        expect(((await answer.json()) as { title: string }).title).toBe('Service Unavailable');
      },
    });
  });
});
