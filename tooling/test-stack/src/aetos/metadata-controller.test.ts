import { describe, expect, test } from 'vitest';
import { negotiate } from './http/negotiation.js';
import {
  handleMetadataRequest,
  type MetadataRequest,
  metadataResource,
  processMatches,
} from './metadata-controller.js';
import type { UpstreamAnswer } from './prometheus/forward.js';

const JSON_ACCEPT = negotiate('application/json');
const READER = { kind: 'project', projectId: 'p1' } as const;

test.each([
  ['/api/v1/series', { controller: 'series', args: [] }],
  ['/api/v1/series/', { controller: 'series', args: [] }],
  ['/api/v1/labels', { controller: 'labels', args: [] }],
  ['/api/v1/label/job/values', { controller: 'label', args: ['job', 'values'] }],
  ['/api/v1/label/a%2Fb/values', { controller: 'label', args: ['a/b', 'values'] }],
  ['/api/v1/label', { controller: 'label', args: [] }],
  ['/api/v1/series/x', { controller: 'series', args: ['x'] }],
  ['/api/v1/query', undefined],
  ['/api/v1/seriesx', undefined],
  ['/api/v1/query_range', undefined],
] as const)('routes %s', (path, resource) => {
  expect(metadataResource(path)).toEqual(resource);
});

describe('processMatches (Base.process_matches)', () => {
  test('all projects: as sent, none stays none', () => {
    expect(processMatches(['up', '{job="a"}'], { kind: 'all-projects' }, 'project')).toEqual([
      'up',
      '{job="a"}',
    ]);
    expect(processMatches([], { kind: 'all-projects' }, 'project')).toEqual([]);
  });

  test("a reader's selectors each get the project matcher; none becomes the project selector", () => {
    expect(processMatches(['ceilometer_cpu', '{job="a"}'], READER, 'project_id')).toEqual([
      'ceilometer_cpu{project_id="p1"}',
      '{job="a", project_id="p1"}',
    ]);
    expect(processMatches([], READER, 'project')).toEqual(['{project="p1"}']);
  });
});

function request(overrides: Partial<MetadataRequest>): MetadataRequest & { forwarded: string[][] } {
  const forwarded: string[][] = [];
  return {
    resource: { controller: 'series', args: [] },
    params: [['match[]', 'up']],
    access: { kind: 'all-projects' },
    negotiation: JSON_ACCEPT,
    prometheusUrl: 'http://127.0.0.1:1',
    projectLabel: 'project',
    simulated: undefined,
    signal: undefined,
    onForward: (match) => forwarded.push(match),
    onPrometheusStatus: () => {},
    forwarded,
    ...overrides,
  };
}

const answer = (status: number, body: string): UpstreamAnswer => ({
  kind: 'response',
  status,
  statusText: '',
  body,
});

describe('handleMetadataRequest', () => {
  test("a refused caller gets pecan's 403, wrapped by the error middleware", async () => {
    const response = await handleMetadataRequest(request({ access: { kind: 'denied' } }));
    expect(response).toEqual({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: '{"error_message": {"code": 403, "title": "Forbidden", "description": "RBAC Authorization Failed"}}',
    });
  });

  test('the policy comes before the path check; a wrong path is "page not found"', async () => {
    const wrong: MetadataRequest['resource'] = { controller: 'label', args: ['job'] };
    expect(
      (await handleMetadataRequest(request({ resource: wrong, access: { kind: 'denied' } }))).status,
    ).toBe(403);
    expect(await handleMetadataRequest(request({ resource: wrong }))).toEqual({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"error_message": "page not found"}',
    });
  });

  test("Prometheus' error is a JSON string with its status, not a WSME fault", async () => {
    const simulated = answer(
      400,
      '{"status":"error","errorType":"bad_data","error":"no match[] parameter provided"}',
    );
    expect(await handleMetadataRequest(request({ params: [], simulated }))).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error_message": "[400] no match[] parameter provided"}',
    });
  });

  test('success: json.dumps of the document; a reader forwards restricted selectors', async () => {
    const r = request({
      access: READER,
      params: [
        ['match[]', 'up'],
        ['start', '1'],
      ],
      simulated: answer(200, '{"status":"success","data":[{"__name__":"up"}]}'),
    });
    expect(await handleMetadataRequest(r)).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status": "success", "data": [{"__name__": "up"}]}',
    });
    expect(r.forwarded).toEqual([['up{project="p1"}']]);
  });

  test('Prometheus unreachable, or a 200 that is not JSON: the WSGI server’s 500', async () => {
    expect((await handleMetadataRequest(request({}))).status).toBe(500);
    expect((await handleMetadataRequest(request({ simulated: answer(200, '<html>') }))).status).toBe(500);
  });
});
