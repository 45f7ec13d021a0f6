import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { CollectError, parseMetricsConf } from '@kitty-collect/collector-base';
import { PasswordAuth, Session } from '@kitty-collect/keystone-auth';
import { parseIni } from '@kitty-collect/oslo-config';
import { type AetosStack, revokeToken, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../create-collector.js';
import { PrometheusCollector } from '../prometheus/prometheus-collector.js';
import { answeredRecords } from '../testing/aetos-records.js';
import {
  alpha,
  beta,
  byGroupby,
  defineRatingMatrix,
  end,
  recordingLogger,
  start,
} from '../testing/rating-matrix.js';
import { AetosCollector } from './aetos-collector.js';
import { aetosConfFromIni } from './aetos-conf.js';

let stack: AetosStack;
const sessions: Session[] = [];

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  await stack?.stop();
});

function sessionAs(
  user: 'cloudkitty' | 'svcOnly' | 'memberDemo' | 'readerDemo',
  options: { renewBeforeSeconds?: number; project?: string } = {},
) {
  const fixture = stack.keystone.fixtures.users[user];
  const project =
    options.project ??
    { cloudkitty: 'service', svcOnly: 'service', memberDemo: 'demo', readerDemo: 'demo' }[user];
  const session = new Session({
    auth: new PasswordAuth({
      authUrl: stack.keystone.authUrl,
      username: fixture.name,
      userDomainName: 'Default',
      password: fixture.password,
      projectName: project,
      projectDomainName: 'Default',
    }),
    ...(options.renewBeforeSeconds === undefined ? {} : { renewBeforeSeconds: options.renewBeforeSeconds }),
  });
  sessions.push(session);
  return session;
}

function aetosCollectorFor(
  yamlText: string,
  session = sessionAs('cloudkitty'),
  aetos: { interface?: string; regionName?: string } = { interface: 'public', regionName: 'RegionOne' },
) {
  const { logger, warnings } = recordingLogger();
  const collector = new AetosCollector({
    period: 3600,
    conf: parseMetricsConf(yamlText),
    session,
    aetos,
    logger,
  });
  return { collector, warnings };
}

const LINEAR = 'metrics: {linear_gauge: {unit: u}}';

describe('AetosCollector through an Aetos-compatible gateway, a real Keystone and a real Prometheus', () => {
  defineRatingMatrix((yamlText) => aetosCollectorFor(yamlText));

  it('gives the same points as the Prometheus collector for the same metrics.yml', async () => {
    const yaml = `
metrics:
  ceilometer_cpu:
    - unit: second
      factor: 1e-9
      groupby: [resource_id, flavor_name]
      metadata: [flavor_id]
    - unit: core
      alt_name: cores
      factor: 1e-9
      extra_args: {range_function: rate}
  http_requests_total:
    unit: request
    groupby: [foo, bar]
    metadata: [code, instance]
    extra_args: {aggregation_method: avg}
  openstack_instance_status:
    unit: instance
    groupby: [resource_id]
    mutate: MAP
    mutate_map: {1: 1, 4: 0.5}
`;
    const direct = new PrometheusCollector({
      period: 3600,
      conf: parseMetricsConf(yaml),
      prometheus: { url: stack.prometheus.apiUrl },
    });
    const { collector } = aetosCollectorFor(yaml);
    expect(Object.keys(collector.conf)).toEqual(Object.keys(direct.conf));
    for (const key of Object.keys(direct.conf)) {
      for (const scope of [alpha, beta]) {
        const viaPrometheus = (await direct.fetchAll(key, start, end, scope))
          .map((p) => p.toJSON())
          .sort(byGroupby);
        const viaAetos = (await collector.fetchAll(key, start, end, scope))
          .map((p) => p.toJSON())
          .sort(byGroupby);
        expect(viaAetos).toEqual(viaPrometheus);
        expect(viaAetos.length).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['public', 'RegionOne', '/prometheus/api/v1/query'],
    ['internal', 'RegionOne', '/api/v1/query'],
    ['admin', 'RegionOne', '/prometheus/api/v1/query'],
    ['internal', 'RegionTwo', '/prometheus/api/v1/query'],
  ])('selects the %s endpoint of %s (path %s)', async (iface, region, path) => {
    await stack.gateway.reset();
    const { collector } = aetosCollectorFor(LINEAR, sessionAs('cloudkitty'), {
      interface: iface,
      regionName: region,
    });
    expect(
      (await collector.fetchAll('linear_gauge', start, end, alpha)).map((p) => p.toJSON().vol.qty),
    ).toEqual(['120']);
    const records = answeredRecords(await stack.gateway.records());
    expect(records.map((record) => record.path)).toEqual([path]);
    expect(records[0]?.status).toBe(200);
  });

  it('works with the service role as well as admin', async () => {
    const { collector } = aetosCollectorFor(LINEAR, sessionAs('svcOnly'));
    expect(
      (await collector.fetchAll('linear_gauge', start, end, beta)).map((p) => p.toJSON().vol.qty),
    ).toEqual(['240']);
  });

  it('renews a token that is revoked during a collection run, transparently', async () => {
    const session = sessionAs('cloudkitty');
    const { collector } = aetosCollectorFor(LINEAR, session);
    expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
    const first = await session.getToken();
    const admin = await stack.keystone.adminToken();
    await revokeToken(stack.keystone.authUrl, admin.token, first);
    // Aetos (keystonemiddleware) trusts a validated token for up to 300 s: let that cache lapse.
    await stack.gateway.reset({ cache: true });
    for (let period = 0; period < 3; period += 1) {
      expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
    }
    expect(await session.getToken()).not.toBe(first);
    expect(session.authentications).toBe(2);
  });

  it('renews a token that nears its expiry during a run, transparently', async () => {
    const probe = await sessionAs('cloudkitty').getAccess();
    // renew whenever fewer than (lifetime - 1.5 s) are left: a new token every ~1.5 s of the run
    const session = sessionAs('cloudkitty', { renewBeforeSeconds: probe.secondsLeft() - 1.5 });
    const { collector } = aetosCollectorFor(LINEAR, session);
    const deadline = Date.now() + 4000;
    let queries = 0;
    while (Date.now() < deadline) {
      expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
      queries += 1;
    }
    expect(queries).toBeGreaterThan(3);
    expect(session.authentications).toBeGreaterThanOrEqual(2);
  });

  it('refuses a token without admin or service before querying, saying which roles are needed', async () => {
    // Aetos would answer 403 to a rating-only token; reader and member tokens: aetos-collector.access.int.test.ts
    await stack.gateway.reset();
    const ratingOnly = sessionAs('cloudkitty', { project: 'rated-a' });
    const failure = aetosCollectorFor(LINEAR, ratingOnly).collector.fetchAll(
      'linear_gauge',
      start,
      end,
      alpha,
    );
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(
      /^Keystone user 'cloudkitty' has role rating on project rated-a; collecting every project through Aetos needs role 'admin' on a project-scoped token or role 'service' \(Aetos would refuse its queries with 403\)$/,
    );
    expect(await stack.gateway.records()).toEqual([]);
  });

  it('reports 401 when no valid token can be had', async () => {
    const locked = new Session({
      auth: new PasswordAuth({
        authUrl: stack.keystone.authUrl,
        username: 'cloudkitty',
        userDomainName: 'Default',
        password: 'wrong-password-123',
        projectName: 'service',
        projectDomainName: 'Default',
      }),
    });
    sessions.push(locked);
    const failure = aetosCollectorFor(LINEAR, locked).collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(/Keystone refused password auth for user 'cloudkitty'.*HTTP 401/);
    await expect(failure).rejects.not.toThrow(/wrong-password-123/);
  });

  it('reports 400 for bad PromQL and 422 for an execution error, with the query', async () => {
    const bad = aetosCollectorFor(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "sum("}}}',
    ).collector;
    await expect(bad.fetchAll('linear_gauge', start, end, alpha)).rejects.toThrow(
      stack.gateway.version === '1.0'
        ? // pinning it with @ needs its parse tree: the client finds the error before Aetos
          /^aetos collection of 'linear_gauge' for scope '\w+' failed: PromQL syntax error at line 1, column \d+ of query 'sum\( max\(/
        : /^aetos_client: \[400\] invalid parameter "query": .*parse error.*\(HTTP 400, query 'sum\( max\(/,
    );
    const dup = aetosCollectorFor(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}}}',
    ).collector;
    await expect(dup.fetchAll('linear_gauge', start, end, alpha)).rejects.toThrow(
      /^aetos_client: \[422\] .*duplicate series.*\(HTTP 422/,
    );
  });

  it('keeps working with a cached token while Keystone is down, and reports 503 for an unseen token', async () => {
    const { collector } = aetosCollectorFor(LINEAR);
    expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
    const unseen = sessionAs('svcOnly');
    await unseen.getToken();
    const unseenCollector = aetosCollectorFor(LINEAR, unseen).collector;
    await stack.keystone.restart({
      whileDown: async () => {
        expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
        const failure = unseenCollector.fetchAll('linear_gauge', start, end, alpha);
        await expect(failure).rejects.toBeInstanceOf(CollectError);
        await expect(failure).rejects.toThrow(/\(HTTP 503,/);
      },
    });
  });

  it('sends the token only to Keystone and the Aetos endpoint', async () => {
    // Every HTTP request made in this process (ours, and the in-process gateway's own) as undici sees it.
    const seen: { origin: string; headers: string }[] = [];
    const onRequest = (message: unknown) => {
      const { request } = message as { request: { origin: string | URL; headers: string[] | string } };
      const headers = Array.isArray(request.headers) ? request.headers.join('\n') : String(request.headers);
      seen.push({ origin: String(request.origin), headers });
    };
    const session = sessionAs('cloudkitty');
    subscribe('undici:request:create', onRequest);
    try {
      await aetosCollectorFor(LINEAR, session).collector.fetchAll('linear_gauge', start, end, alpha);
    } finally {
      unsubscribe('undici:request:create', onRequest);
    }
    const token = await session.getToken();
    const keystoneOrigin = new URL(stack.keystone.authUrl).origin;
    const gatewayOrigin = new URL(stack.gateway.baseUrl).origin;
    const prometheusOrigin = new URL(stack.prometheus.baseUrl).origin;
    const carrying = seen.filter((request) => request.headers.includes(token));
    expect(carrying.some((request) => request.origin === gatewayOrigin)).toBe(true);
    expect(
      carrying.every((request) => request.origin === keystoneOrigin || request.origin === gatewayOrigin),
    ).toBe(true);
    expect(seen.some((request) => request.origin === prometheusOrigin)).toBe(true); // the gateway did forward…
    expect(carrying.some((request) => request.origin === prometheusOrigin)).toBe(false); // …but never the token
  });

  it('reads [collector_aetos] of a cloudkitty.conf, following auth_section', async () => {
    const ini = parseIni(
      [
        '[collector_aetos]',
        'auth_section = keystone_authtoken',
        'interface = internal',
        'region_name = RegionOne',
        '',
        '[keystone_authtoken]',
        'auth_type = password',
        `auth_url = ${stack.keystone.authUrl}`,
        'username = cloudkitty',
        `password = ${stack.keystone.fixtures.users.cloudkitty.password}`,
        'user_domain_name = Default',
        'project_name = service',
        'project_domain_name = Default',
      ].join('\n'),
      'cloudkitty.conf',
    );
    const { session, aetos } = aetosConfFromIni(ini);
    sessions.push(session);
    expect(aetos).toEqual({ interface: 'internal', regionName: 'RegionOne' });
    await stack.gateway.reset();
    const collector = new AetosCollector({ period: 3600, conf: parseMetricsConf(LINEAR), session, aetos });
    expect(
      (await collector.fetchAll('linear_gauge', start, end, alpha)).map((p) => p.toJSON().vol.qty),
    ).toEqual(['120']);
    const records = answeredRecords(await stack.gateway.records());
    expect(records.map((record) => record.path)).toEqual(['/api/v1/query']);
  });

  it('is what createCollector("aetos") builds from keystoneauth options', () => {
    const collector = createCollector('aetos', {
      period: 3600,
      conf: parseMetricsConf(LINEAR),
      keystone: {
        auth_type: 'password',
        auth_url: stack.keystone.authUrl,
        username: 'cloudkitty',
        password: stack.keystone.fixtures.users.cloudkitty.password,
        user_domain_name: 'Default',
        project_name: 'service',
        project_domain_name: 'Default',
      },
      aetos: { interface: 'public' },
    });
    expect(collector).toBeInstanceOf(AetosCollector);
    expect(collector.collectorName).toBe('aetos');
  });
  it('reports 500 when Aetos cannot reach Prometheus', async () => {
    const { collector } = aetosCollectorFor(LINEAR);
    await stack.prometheus.stop();
    const failure = collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(/^aetos_server: .*\(HTTP 500,/);
  });
});
