import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type IssueTokenOptions, issueToken, revokeToken } from '../keystone/api.js';
import type { KeystoneFixtures } from '../keystone/fixtures.js';
import { startV1GatewayBeside } from '../testing/v1-gateway.js';
import { gatewayRecords } from './control/records-client.js';
import type { RunningAetosGateway } from './gateway.js';
import { type RunningAetosStack, startAetosStack } from './stack.js';

/** Short-lived tokens: expiry is observable within the test, and the gateway renews its own token meanwhile. */
const TOKEN_EXPIRATION_SECONDS = 10;
const AT = '2026-01-04T01:00:00Z';
const report = (line: string) => {
  if (process.env.KITTY_REPORT_TIMINGS) console.log(`[aetos timings] ${line}`);
};

let stack: RunningAetosStack;
let gateway: RunningAetosGateway;
let fixtures: KeystoneFixtures;
/** A second gateway answering like Aetos 1.0, on the same Keystone and Prometheus. */
let gatewayV1: RunningAetosGateway;
const issuedTokens: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  stack = await startAetosStack({ keystone: { tokenExpirationSeconds: TOKEN_EXPIRATION_SECONDS } });
  report(
    `stack started in ${Date.now() - started} ms (keystone ${JSON.stringify(stack.keystone.startupTimings)})`,
  );
  gateway = stack.gateway;
  fixtures = stack.keystone.fixtures;
  gatewayV1 = await startV1GatewayBeside(stack);
}, 120_000);

afterAll(async () => {
  await gatewayV1?.stop();
  await stack?.stop();
});

async function token(options: IssueTokenOptions): Promise<string> {
  const issued = await issueToken(stack.keystone.authUrl, { nocatalog: true, ...options });
  issuedTokens.push(issued.token);
  return issued.token;
}
const passwordToken = (
  user: keyof KeystoneFixtures['users'],
  project?: keyof KeystoneFixtures['projects'],
) => {
  const u = fixtures.users[user];
  return token({
    username: u.name,
    password: u.password,
    domain: u.domainName,
    ...(project ? { scope: { project: { id: fixtures.projects[project].id } } } : {}),
  });
};

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}
async function get(
  url: string,
  options: { token?: string; accept?: string; method?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers['x-auth-token'] = options.token;
  if (options.accept) headers.accept = options.accept;
  const response = await fetch(url, { method: options.method ?? 'GET', headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const queryUrl = (base: string, params: Record<string, string>) =>
  `${base}/api/v1/query?${new URLSearchParams(params)}`;
const JSON_ACCEPT = 'application/json';
const lastRecord = () => gateway.requests.at(-1);

describe('admin and service tokens: Prometheus data, unmodified', () => {
  test('cloudkitty (admin on service) through both prefixes, same JSON as Prometheus, other whitespace', async () => {
    const admin = await passwordToken('cloudkitty', 'service');
    const direct = await get(
      queryUrl(stack.prometheus.apiUrl.replace(/\/api\/v1$/, ''), { query: 'ceilometer_cpu', time: AT }),
    );
    for (const prefix of ['', '/prometheus']) {
      const answer = await get(queryUrl(gateway.url(prefix), { query: 'ceilometer_cpu', time: AT }), {
        token: admin,
        accept: JSON_ACCEPT,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(answer.text)).toEqual(JSON.parse(direct.text));
      expect(answer.text).not.toBe(direct.text);
      expect(answer.text.startsWith('{"status": "success", "data": {"resultType": "vector"')).toBe(true);
      const values = (
        JSON.parse(answer.text) as { data: { result: { value: [number, string] }[] } }
      ).data.result.map((series) => series.value[1]);
      expect(values).toEqual(expect.arrayContaining(['1800000000000', '7200000000000']));
      expect(lastRecord()).toMatchObject({
        prefix,
        access: 'all-projects',
        forwardedQuery: 'ceilometer_cpu',
        prometheusStatus: 200,
        status: 200,
        token: { outcome: 'valid', userName: 'cloudkitty', projectId: fixtures.projects.service.id },
      });
    }
  });

  test('svc-only (role service) and the application credential (admin only) query all projects', async () => {
    const credential = fixtures.applicationCredential;
    for (const who of [
      await passwordToken('svcOnly', 'service'),
      await token({ applicationCredential: { id: credential.id, secret: credential.secret } }),
    ]) {
      const answer = await get(
        queryUrl(gateway.url('/prometheus'), { query: 'count(ceilometer_cpu)', time: AT }),
        {
          token: who,
          accept: JSON_ACCEPT,
        },
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text).data.result[0].value[1]).toBe('5');
      expect(lastRecord()?.access).toBe('all-projects');
    }
    expect(lastRecord()?.token?.roles).toEqual(['admin']); // no implied roles for application credentials
  });

  test('the catalog Keystone hands out points at the gateway', async () => {
    const issued = await issueToken(stack.keystone.authUrl, {
      username: 'cloudkitty',
      password: fixtures.users.cloudkitty.password,
      project: 'service',
    });
    const endpoints =
      issued.body.token.catalog?.find((entry) => entry.type === 'metric-storage')?.endpoints ?? [];
    expect(endpoints.map((e) => `${e.region_id} ${e.interface} ${e.url}`).sort()).toEqual(
      [
        `RegionOne admin ${gateway.url('/prometheus')}`,
        `RegionOne internal ${gateway.url()}`,
        `RegionOne public ${gateway.url('/prometheus')}`,
        `RegionTwo internal ${gateway.url('/prometheus')}`,
        `RegionTwo public ${gateway.url('/prometheus')}`,
      ].sort(),
    );
    for (const endpoint of endpoints) {
      const answer = await get(queryUrl(endpoint.url, { query: 'vector(1)', time: AT }), {
        token: issued.token,
      });
      expect(answer.status).toBe(200);
    }
  });
});

describe('policy', () => {
  test.each([
    ['readerDemo', 'reader'],
    ['memberDemo', 'member (member ⇒ reader)'],
  ] as const)('%s (%s on demo) gets its query restricted to project demo', async (user, _role) => {
    const who = await passwordToken(user, 'demo');
    const answer = await get(
      queryUrl(gateway.url('/prometheus'), {
        query: 'sum by (project_id) (ceilometer_cpu{flavor_id="1"})',
        time: AT,
      }),
      { token: who, accept: JSON_ACCEPT },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [] },
    });
    expect(lastRecord()).toMatchObject({
      access: 'project',
      forwardedQuery: `sum by (project_id) (ceilometer_cpu{flavor_id="1", project_id="${fixtures.projects.demo.id}"})`,
      token: { projectId: fixtures.projects.demo.id },
    });
  });

  test.each([
    ['cloudkitty on rated-a (role rating only)', () => passwordToken('cloudkitty', 'ratedA')],
    [
      'admin scoped to domain Default',
      () =>
        token({
          username: 'admin',
          password: fixtures.users.admin.password,
          scope: { domain: { id: 'default' } },
        }),
    ],
  ])('%s → 403', async (_name, makeToken) => {
    const answer = await get(queryUrl(gateway.baseUrl, { query: 'up', time: AT }), {
      token: await makeToken(),
      accept: JSON_ACCEPT,
    });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe(
      '{"error_message": {"faultcode": "Client", "faultstring": "RBAC Authorization Failed", "debuginfo": null}}',
    );
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(lastRecord()).toMatchObject({ access: 'denied', forwardedQuery: null });
  });
});

describe('authentication (keystonemiddleware)', () => {
  const UNAUTHORIZED =
    '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}';

  test('no token, a bogus one, a revoked one → 401 with WWW-Authenticate', async () => {
    const revoked = await passwordToken('readerDemo', 'demo');
    await revokeToken(stack.keystone.authUrl, revoked, revoked);
    for (const who of [undefined, 'gAAAAABbogus', revoked]) {
      const answer = await get(queryUrl(gateway.url('/prometheus'), { query: 'up' }), {
        ...(who ? { token: who } : {}),
        accept: JSON_ACCEPT,
      });
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(UNAUTHORIZED);
      expect(answer.headers.get('www-authenticate')).toBe(`Keystone uri="${stack.keystone.baseUrl}"`);
      expect(answer.headers.get('content-type')).toBe('application/json');
    }
    // authentication comes before routing: an unknown path says 401 too
    expect((await get(`${gateway.baseUrl}/api/v1/query_range`)).status).toBe(401);
  });

  test('validations are cached: the same token is validated once', async () => {
    const who = await passwordToken('svcOnly', 'service');
    const before = gateway.validations();
    for (let i = 0; i < 3; i++) {
      expect((await get(queryUrl(gateway.baseUrl, { query: 'vector(1)' }), { token: who })).status).toBe(200);
    }
    expect(gateway.validations() - before).toBe(1);
    expect(gateway.requests.slice(-3).map((record) => record.token?.cached)).toEqual([false, true, true]);
  });

  test('an expired token → 401, from the cache and from Keystone', async () => {
    const cached = await issueToken(stack.keystone.authUrl, {
      username: 'svc-only',
      password: fixtures.users.svcOnly.password,
      project: 'service',
      nocatalog: true,
    });
    const unseen = await passwordToken('svcOnly', 'service');
    expect(
      (await get(queryUrl(gateway.baseUrl, { query: 'vector(1)' }), { token: cached.token })).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, cached.expiresAt.getTime() - Date.now() + 1_100));
    const before = gateway.validations();
    expect(
      (await get(queryUrl(gateway.baseUrl, { query: 'vector(1)' }), { token: cached.token })).status,
    ).toBe(401);
    expect(gateway.validations()).toBe(before); // the cache knew it had expired
    expect((await get(queryUrl(gateway.baseUrl, { query: 'vector(1)' }), { token: unseen })).status).toBe(
      401,
    );
    expect(gateway.validations()).toBe(before + 1);
  }, 30_000);

  test('Keystone down: a recently validated token passes, an unseen one gets keystonemiddleware’s 503', async () => {
    const seen = await passwordToken('cloudkitty', 'service');
    const unseen = await passwordToken('cloudkitty', 'service');
    const url = queryUrl(gateway.baseUrl, { query: 'vector(1)', time: AT });
    expect((await get(url, { token: seen })).status).toBe(200);
    const answers: Record<string, Answer> = {};
    await stack.keystone.restart({
      whileDown: async () => {
        answers.seen = await get(url, { token: seen, accept: JSON_ACCEPT });
        answers.html = await get(url, { token: unseen });
        answers.json = await get(url, { token: unseen, accept: JSON_ACCEPT });
      },
    });
    expect(answers.seen?.status).toBe(200);
    expect(answers.html?.status).toBe(503);
    expect(answers.html?.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(answers.html?.text).toContain('<title>503 Service Unavailable</title>');
    expect(answers.html?.text).toContain('The Keystone service is temporarily unavailable.');
    expect(answers.json?.status).toBe(503);
    expect(JSON.parse(answers.json?.text ?? '')).toEqual({
      message:
        'The server is currently unavailable. Please try again at a later time.<br /><br />\nThe Keystone service is temporarily unavailable.\n\n',
      code: '503 Service Unavailable',
      title: 'Service Unavailable',
    });
    // Keystone is back: tokens are validated again (a fresh one: the unseen one may expire during a slow restart)
    expect((await get(url, { token: await passwordToken('cloudkitty', 'service') })).status).toBe(200);
  }, 60_000);
});

describe('routing and arguments', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await passwordToken('cloudkitty', 'service');
  });

  test('unknown and missing arguments → 400', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ query: 'up', stats: 'all' }, 'Unknown argument: \\"stats\\"'],
      [{ stats: 'all', foo: '1' }, 'Unknown argument: \\"stats, foo\\"'],
      [{ time: AT }, 'Missing argument: \\"query\\"'],
    ];
    for (const [params, faultstring] of cases) {
      const answer = await get(queryUrl(gateway.baseUrl, params), { token: admin, accept: JSON_ACCEPT });
      expect(answer.status).toBe(400);
      expect(answer.text).toBe(
        `{"error_message": {"faultcode": "Client", "faultstring": "${faultstring}", "debuginfo": null}}`,
      );
    }
  });

  test('query_range → 404, POST → 405 with Allow: GET, Accept: text/plain → 406', async () => {
    const notFound = await get(`${gateway.url('/prometheus')}/api/v1/query_range?query=up`, {
      token: admin,
      accept: JSON_ACCEPT,
    });
    expect(notFound.status).toBe(404);
    expect(notFound.text).toBe('{"error_message": {"code": 404, "title": "Not Found", "description": null}}');
    const post = await get(queryUrl(gateway.baseUrl, { query: 'up' }), {
      token: admin,
      accept: JSON_ACCEPT,
      method: 'POST',
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(post.text).toBe(
      '{"error_message": {"code": 405, "title": "Method Not Allowed", "description": ""}}',
    );
    const plain = await get(queryUrl(gateway.baseUrl, { query: 'up' }), {
      token: admin,
      accept: 'text/plain',
    });
    expect(plain.status).toBe(406);
  });

  test('Accept: application/xml turns bodies into XML', async () => {
    const fault = await get(queryUrl(gateway.baseUrl, { query: 'up', stats: 'all' }), {
      token: admin,
      accept: 'application/xml',
    });
    expect(fault.text).toBe(
      '<error_message><error><faultcode>Client</faultcode><faultstring>Unknown argument: "stats"</faultstring><debuginfo/></error></error_message>',
    );
    const result = await get(queryUrl(gateway.baseUrl, { query: 'ceilometer_image_size', time: AT }), {
      token: admin,
      accept: 'application/xml',
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/xml; charset=UTF-8');
    expect(result.text).toMatch(
      /^<result>\{'status': 'success', 'data': \{'resultType': 'vector', 'result': \[/,
    );
    expect(result.text).toContain("'value': [1767488400, '1125899906842624']");
  });

  test('Aetos 1.0 takes only query: time → 400, the @ modifier instead', async () => {
    const withTime = await get(queryUrl(gatewayV1.baseUrl, { query: 'ceilometer_cpu', time: AT }), {
      token: admin,
      accept: JSON_ACCEPT,
    });
    expect(withTime.status).toBe(400);
    expect(withTime.text).toBe(
      '{"error_message": {"faultcode": "Client", "faultstring": "Unknown argument: \\"time\\"", "debuginfo": null}}',
    );
    const at = await get(queryUrl(gatewayV1.baseUrl, { query: 'count(ceilometer_cpu @ 1767488400)' }), {
      token: admin,
      accept: JSON_ACCEPT,
    });
    expect(at.status).toBe(200);
    expect(JSON.parse(at.text).data.result[0].value[1]).toBe('5');
  });
});

describe("Prometheus' errors", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await passwordToken('cloudkitty', 'service');
  });
  const prometheusError = async (params: Record<string, string>) => {
    const response = await fetch(queryUrl(stack.prometheus.baseUrl, params));
    return { status: response.status, error: ((await response.json()) as { error: string }).error };
  };

  test.each([
    ['bad PromQL', { query: 'sum(rate(ceilometer_cpu[1d]', time: AT }, 400, 'Client'],
    ['duplicate series', { query: 'linear_gauge + on(project_id) ceilometer_cpu', time: AT }, 422, 'Client'],
  ] as const)('%s → same status, Aetos fault', async (_name, params, status, faultcode) => {
    const direct = await prometheusError(params);
    expect(direct.status).toBe(status);
    const answer = await get(queryUrl(gateway.baseUrl, params), { token: admin, accept: JSON_ACCEPT });
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.text)).toEqual({
      error_message: { faultcode, faultstring: `[${status}] ${direct.error}`, debuginfo: null },
    });
  });

  test('the bad query error names the column', async () => {
    const answer = await get(queryUrl(gateway.baseUrl, { query: 'sum(rate(ceilometer_cpu[1d]', time: AT }), {
      token: admin,
    });
    expect(answer.text).toBe(
      '{"error_message": {"faultcode": "Client", "faultstring": "[400] invalid parameter \\"query\\": 1:28: parse error: unclosed left parenthesis", "debuginfo": null}}',
    );
  });

  test('evaluation timeout → 503, faultcode Server', async () => {
    const answer = await get(
      queryUrl(gateway.baseUrl, {
        query: 'count_over_time(ceilometer_cpu[1d])',
        time: '2026-01-04T23:00:00Z',
        timeout: '0.000000001',
      }),
      { token: admin, accept: JSON_ACCEPT },
    );
    expect(answer.status).toBe(503);
    const fault = JSON.parse(answer.text).error_message;
    expect(fault.faultcode).toBe('Server');
    expect(fault.faultstring).toMatch(/^\[503\] query timed out in /);
  });

  test('simulated Prometheus 500 (setFailure) → 500 Server', async () => {
    gateway.setFailure('prometheus-500');
    try {
      const answer = await get(queryUrl(gateway.baseUrl, { query: 'up' }), {
        token: admin,
        accept: JSON_ACCEPT,
      });
      expect(answer.status).toBe(500);
      expect(answer.text).toBe(
        '{"error_message": {"faultcode": "Server", "faultstring": "[500] simulated internal error", "debuginfo": null}}',
      );
    } finally {
      gateway.setFailure('none');
    }
  });
});

describe('request records', () => {
  test('over HTTP, without a single token', async () => {
    const records = gatewayRecords(gateway.url('/prometheus'));
    const seen = await records.requests();
    expect(seen.length).toBe(gateway.requests.length);
    const text = JSON.stringify(seen);
    for (const issued of issuedTokens) expect(text).not.toContain(issued);
    expect(await records.validations()).toBe(gateway.validations());
    await records.reset();
    expect(await records.requests()).toEqual([]);
    expect(await records.validations()).toBe(0);
    expect(JSON.parse(JSON.stringify(stack.info()))).toEqual(stack.info());
  });
});

describe('restart', () => {
  test('refuses connections while down, then answers on the same port, records kept', async () => {
    const admin = await passwordToken('cloudkitty', 'service');
    const url = queryUrl(gateway.baseUrl, { query: 'count(ceilometer_cpu)', time: AT });
    expect((await get(url, { token: admin, accept: JSON_ACCEPT })).status).toBe(200);
    const recorded = gateway.requests.length;
    let whileDown: unknown;
    await gateway.restart({
      whileDown: async () => {
        whileDown = await fetch(url).catch((error: unknown) => error);
      },
    });
    expect(whileDown).toBeInstanceOf(TypeError); // fetch failed: connection refused
    const answer = await get(url, { token: admin, accept: JSON_ACCEPT });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.result).toHaveLength(1);
    expect(gateway.requests).toHaveLength(recorded + 1);
  });
});

// Last: it stops the stack's Prometheus.
describe('Prometheus unreachable', () => {
  test('→ 500, faultcode Server, the connection error as requests words it', async () => {
    const admin = await passwordToken('cloudkitty', 'service');
    await stack.prometheus.stop();
    const answer = await get(queryUrl(gateway.baseUrl, { query: 'sum(x) by (a)', time: AT }), {
      token: admin,
      accept: JSON_ACCEPT,
    });
    expect(answer.status).toBe(500);
    const fault = JSON.parse(answer.text).error_message;
    expect(fault.faultcode).toBe('Server');
    expect(fault.faultstring).toMatch(
      new RegExp(
        `^HTTPConnectionPool\\(host='127\\.0\\.0\\.1', port=${stack.prometheus.port}\\): Max retries exceeded with url: ` +
          '/api/v1/query\\?query=sum%28x%29\\+by\\+%28a%29&time=2026-01-04T01%3A00%3A00Z \\(Caused by NewConnectionError\\(' +
          "'<urllib3\\.connection\\.HTTPConnection object at 0x[0-9a-f]+>: Failed to establish a new connection: " +
          "\\[Errno 111\\] Connection refused'\\)\\)$",
      ),
    );
  });
});
