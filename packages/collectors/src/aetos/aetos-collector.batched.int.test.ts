import { AetosClient } from '@kitty-collect/aetos-client';
import { parseMetricsConf } from '@kitty-collect/collector-base';
import { PasswordAuth, Session } from '@kitty-collect/keystone-auth';
import { pinQueryAt } from '@kitty-collect/prometheus-client-base';
import { type AetosStack, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredRecords } from '../testing/aetos-records.js';
import { BATCH_SCOPES, defineBatchEqualityMatrix } from '../testing/batch-equality-matrix.js';
import { batchQuery } from '../testing/collector-query.js';
import { end, MATRIX_CONFS, recordingLogger, start } from '../testing/rating-matrix.js';
import { recordQueries } from '../testing/recording-client.js';
import { AetosCollector } from './aetos-collector.js';

let stack: AetosStack;
let session: Session;

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
  const cloudkitty = stack.keystone.fixtures.users.cloudkitty;
  // One session for the whole file: admin on project service, so Aetos forwards queries unmodified.
  session = new Session({
    auth: new PasswordAuth({
      authUrl: stack.keystone.authUrl,
      username: cloudkitty.name,
      userDomainName: 'Default',
      password: cloudkitty.password,
      projectName: 'service',
      projectDomainName: 'Default',
    }),
  });
});

afterAll(async () => {
  await session?.close();
  await stack?.stop();
});

function aetosCollectorFor(yamlText: string) {
  const { logger, warnings } = recordingLogger();
  const client = new AetosClient(session, { interface: 'public', regionName: 'RegionOne', retries: 0 });
  const queries = recordQueries(client);
  const collector = new AetosCollector({ period: 3600, conf: parseMetricsConf(yamlText), client, logger });
  return { collector, warnings, queries };
}

describe('AetosCollector.fetchAllBatched through an Aetos-compatible gateway, a real Keystone and a real Prometheus', () => {
  defineBatchEqualityMatrix(aetosCollectorFor);

  it('sends Aetos one request per batched call, forwarded unmodified for an admin token', async () => {
    const { collector } = aetosCollectorFor(MATRIX_CONFS.perResource);
    await stack.gateway.reset();
    const result = await collector.fetchAllBatched('ceilometer_cpu', start, end, BATCH_SCOPES);
    expect([...result.values()].map((points) => points.length)).toEqual([2, 1, 1, 1, 0]);
    const records = answeredRecords(await stack.gateway.records());
    expect(records).toHaveLength(1);
    const query = batchQuery(collector, 'ceilometer_cpu', start, end);
    expect(records[0]).toMatchObject({
      status: 200,
      access: 'all-projects',
      // Aetos 1.0 takes no time=: the same query, pinned at the period's end
      forwardedQuery: stack.gateway.version === '1.0' ? pinQueryAt(query, end) : query,
    });
  });
});
