import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECTS } from '../dataset/default-dataset.js';
import { issueToken } from '../keystone/api.js';
import type { KeystoneFixtures } from '../keystone/fixtures.js';
import { startV1GatewayBeside } from '../testing/v1-gateway.js';
import type { RunningAetosGateway } from './gateway.js';
import { type RunningAetosStack, startAetosStack } from './stack.js';

let stack: RunningAetosStack;
let fixtures: KeystoneFixtures;
/** A second gateway answering like Aetos 1.0, on the same Keystone and Prometheus (projectLabel: ignored). */
let gatewayV1: RunningAetosGateway;

beforeAll(async () => {
  stack = await startAetosStack(); // projectLabel project_id
  fixtures = stack.keystone.fixtures;
  gatewayV1 = await startV1GatewayBeside(stack, { projectLabel: 'project_id' });
}, 120_000);

afterAll(async () => {
  await gatewayV1?.stop();
  await stack?.stop();
});

const passwordToken = async (
  user: keyof KeystoneFixtures['users'],
  project: keyof KeystoneFixtures['projects'],
) => {
  const u = fixtures.users[user];
  const issued = await issueToken(stack.keystone.authUrl, {
    nocatalog: true,
    username: u.name,
    password: u.password,
    domain: u.domainName,
    scope: { project: { id: fixtures.projects[project].id } },
  });
  return issued.token;
};

async function get(url: string, token?: string, accept = 'application/json') {
  const headers: Record<string, string> = { accept };
  if (token) headers['x-auth-token'] = token;
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}
const match = (...selectors: string[]) => selectors.map((s) => `match[]=${encodeURIComponent(s)}`).join('&');

describe('series, labels and label values through the gateway', () => {
  test('admin: Prometheus answer re-serialised by json.dumps, selectors unmodified, start/end dropped', async () => {
    const admin = await passwordToken('cloudkitty', 'service');
    const path = `/api/v1/series?${match(`ceilometer_cpu{project_id="${PROJECTS.alpha}"}`)}&start=1577836800&end=1577840400`;
    const answer = await get(`${stack.gateway.url('/prometheus')}${path}`, admin);
    // Prometheus itself, given that window, has nothing; Aetos never forwards it
    const direct = await (await fetch(`${stack.prometheus.baseUrl}${path}`)).json();
    expect(direct).toEqual({ status: 'success', data: [] });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    expect(answer.text).toBe(
      `{"status": "success", "data": [{"__name__": "ceilometer_cpu", "flavor_id": "1", "flavor_name": "m1.small", "project_id": "${PROJECTS.alpha}", "resource_id": "vm-a1"}, {"__name__": "ceilometer_cpu", "flavor_id": "4", "flavor_name": "m1.large", "project_id": "${PROJECTS.alpha}", "resource_id": "vm-a2"}]}`,
    );
    expect(stack.gateway.requests.at(-1)).toMatchObject({
      access: 'all-projects',
      forwardedMatch: [`ceilometer_cpu{project_id="${PROJECTS.alpha}"}`],
      prometheusStatus: 200,
      status: 200,
    });
    const values = await get(
      `${stack.gateway.baseUrl}/api/v1/label/resource_id/values?${match('linear_gauge')}`,
      admin,
    );
    expect(values.text).toBe('{"status": "success", "data": ["lin-1", "lin-2"]}');
    const labels = await get(`${stack.gateway.baseUrl}/api/v1/labels?${match('linear_gauge')}`, admin);
    expect(JSON.parse(labels.text)).toEqual({
      status: 'success',
      data: ['__name__', 'project_id', 'resource_id'],
    });
  });

  test('admin without match[]: labels are all labels; series is Prometheus 400 as a JSON string', async () => {
    const admin = await passwordToken('cloudkitty', 'service');
    const labels = await get(`${stack.gateway.baseUrl}/api/v1/labels`, admin);
    expect(JSON.parse(labels.text).data).toHaveLength(12);
    const series = await get(`${stack.gateway.baseUrl}/api/v1/series`, admin);
    expect(series).toEqual({
      status: 400,
      contentType: 'application/json',
      text: '{"error_message": "[400] no match[] parameter provided"}',
    });
    const bad = await get(`${stack.gateway.baseUrl}/api/v1/series?${match('ceilometer_cpu{')}`, admin);
    expect(bad.status).toBe(400);
    expect(bad.text).toBe(
      '{"error_message": "[400] invalid parameter \\"match[]\\": 1:16: parse error: unexpected end of input inside braces"}',
    );
  });

  test.each([
    ['2.0', () => stack.gateway, 'project_id'],
    ['1.0', () => gatewayV1, 'project'],
  ] as const)('Aetos %s: a reader’s selectors are restricted on %s', async (_version, gateway, label) => {
    const reader = await passwordToken('readerDemo', 'demo');
    const demo = fixtures.projects.demo.id;
    const series = await get(
      `${gateway().baseUrl}/api/v1/series?${match('ceilometer_cpu', '{resource_id="vm-a1"}')}`,
      reader,
    );
    expect(series.text).toBe('{"status": "success", "data": []}');
    expect(gateway().requests.at(-1)).toMatchObject({
      access: 'project',
      forwardedMatch: [`ceilometer_cpu{${label}="${demo}"}`, `{resource_id="vm-a1", ${label}="${demo}"}`],
    });
    const values = await get(`${gateway().baseUrl}/api/v1/label/project_id/values`, reader);
    expect(values.text).toBe('{"status": "success", "data": []}');
    expect(gateway().requests.at(-1)?.forwardedMatch).toEqual([`{${label}="${demo}"}`]);
  });

  test("policy first, pecan's 403; then the path check; no token is keystonemiddleware's 401", async () => {
    const ratingOnly = await passwordToken('cloudkitty', 'ratedA');
    const refused = await get(`${stack.gateway.baseUrl}/api/v1/label/job`, ratingOnly);
    expect(refused).toEqual({
      status: 403,
      contentType: 'application/json',
      text: '{"error_message": {"code": 403, "title": "Forbidden", "description": "RBAC Authorization Failed"}}',
    });
    const admin = await passwordToken('cloudkitty', 'service');
    expect(await get(`${stack.gateway.baseUrl}/api/v1/label/job`, admin)).toEqual({
      status: 404,
      contentType: 'application/json',
      text: '{"error_message": "page not found"}',
    });
    expect((await get(`${stack.gateway.baseUrl}/api/v1/labels`, admin, 'application/xml')).status).toBe(406);
    const anonymous = await get(`${stack.gateway.baseUrl}/api/v1/labels`);
    expect(anonymous.status).toBe(401);
  });
});
