/**
 * bench/api-auth (`node dist/api-auth.js [--clients 50] [--seconds 20] [--tokens 10]`): `kitty-collect api`
 * behind the test Keystone under load — `clients` concurrent clients on loopback, each sending GET
 * /v2/dataframes with one of `tokens` valid tokens, for `seconds`. A counting proxy in front of Keystone
 * (the service's `auth_url`) counts the validations (GET /v3/auth/tokens) the service makes. Prints
 * requests/s, latency percentiles and validations per distinct token; exits 1 when a token was validated
 * more than once within the cache period (token_cache_time = 300 s, longer than the run).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findFreePort, startKeystone, waitForHttpOk } from '@kitty-collect/test-stack';

const SERVICE_MAIN = fileURLToPath(new URL('../../apps/collector-service/dist/main.js', import.meta.url));

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    tokens: { type: 'string', default: '10' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const tokenCount = Number(values.tokens);

/** Forwards everything to Keystone, counting the token validations. */
async function countingProxy(
  target: URL,
): Promise<{ url: string; validations: () => number; close: () => void }> {
  let validations = 0;
  const server = createServer((incoming, outgoing) => {
    if (incoming.method === 'GET' && incoming.url?.startsWith('/v3/auth/tokens')) validations += 1;
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, validations: () => validations, close: () => server.close() };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const keystone = await startKeystone();
  const proxy = await countingProxy(new URL(keystone.baseUrl));
  const dir = await mkdtemp(join(tmpdir(), 'kc-bench-auth-'));
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const { cloudkitty } = keystone.fixtures.users;
  await writeFile(
    join(dir, 'metrics.yml'),
    'metrics:\n  cpu:\n    unit: instance\n    groupby: [id, project_id]\n',
  );
  await writeFile(
    join(dir, 'cloudkitty.conf'),
    `[DEFAULT]
auth_strategy = keystone

[collect]
collector = prometheus
metrics_conf = metrics.yml

[collector_prometheus]
prometheus_url = http://127.0.0.1:1/api/v1

[fetcher]
backend = source

[fetcher_source]
sources = p

[keystone_authtoken]
auth_type = password
auth_url = ${proxy.url}/v3
username = ${cloudkitty.name}
password = ${cloudkitty.password}
user_domain_name = Default
project_name = service
project_domain_name = Default
www_authenticate_uri = ${keystone.baseUrl}

[kitty_collect]
storage_path = store.sqlite
listen = 127.0.0.1:${port}
log_level = error
`,
  );
  const service = spawn(process.execPath, [SERVICE_MAIN, 'api', '--config', join(dir, 'cloudkitty.conf')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHttpOk(`${base}/healthz`, { timeoutMs: 30_000 });
    const tokens = await Promise.all(
      Array.from({ length: tokenCount }, async () => (await keystone.adminToken()).token),
    );
    const frame = {
      period: { begin: '2026-12-01T00:00:00Z', end: '2026-12-01T01:00:00Z' },
      usage: {
        cpu: [{ vol: { unit: 'instance', qty: 1 }, groupby: { id: 'vm', project_id: 'p' }, metadata: {} }],
      },
    };
    const posted = await fetch(`${base}/v2/dataframes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': tokens[0] ?? '' },
      body: JSON.stringify({ dataframes: [frame] }),
    });
    if (posted.status !== 204) throw new Error(`POST /v2/dataframes answered ${posted.status}`);
    const before = proxy.validations();
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const token = tokens[client % tokens.length] ?? '';
        while (performance.now() < deadline) {
          const sent = performance.now();
          const answer = await fetch(`${base}/v2/dataframes?begin=2026-12-01T00:00:00Z`, {
            headers: { 'x-auth-token': token },
          });
          await answer.arrayBuffer();
          latencies.push(performance.now() - sent);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const validations = proxy.validations() - before;
    latencies.sort((a, b) => a - b);
    const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
    line('clients × seconds', `${clients} × ${seconds} s (${tokenCount} distinct tokens)`);
    line(
      'requests',
      `${latencies.length} (${[...statuses].map(([status, n]) => `${status}: ${n}`).join(', ')})`,
    );
    line('requests/s', (latencies.length / elapsed).toFixed(0));
    line(
      'latency p50 / p99 / max (ms)',
      `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} / ${(latencies.at(-1) ?? 0).toFixed(1)}`,
    );
    line(
      'validations during the load',
      `${validations} (of ${tokenCount} tokens; the POST's token was validated before)`,
    );
    const bad = validations > tokenCount || [...statuses.keys()].some((status) => status !== 200);
    if (bad) {
      console.error('FAIL: more than one validation per token per cache period, or an answer other than 200');
      process.exitCode = 1;
    }
  } finally {
    service.kill('SIGTERM');
    proxy.close();
    await keystone.stop();
  }
}

await main();
