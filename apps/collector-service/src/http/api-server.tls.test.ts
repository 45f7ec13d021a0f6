import { mkdtemp, readFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '@kitty-collect/test-stack';
import { afterEach, describe, expect, it } from 'vitest';
import { TempStorageDir } from '../storage/testing/temp-storage.js';
import { type ApiServer, createApiServer } from './api-server.js';
import { ServiceMetrics } from './metrics.js';

let temp: TempStorageDir | undefined;
let api: ApiServer | undefined;

afterEach(async () => {
  await api?.close();
  temp?.cleanup();
});

/** GET over HTTPS trusting only `ca`. */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('the API over HTTPS ([kitty_collect] tls_cert_file, tls_key_file)', () => {
  it('serves with the given certificate; version links say https', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-tls-'));
    const certificate = await createSelfSignedCertificate(dir);
    const [cert, key] = await Promise.all([readFile(certificate.certFile), readFile(certificate.keyFile)]);
    temp = new TempStorageDir();
    api = createApiServer({
      storage: temp.open(),
      metrics: new ServiceMetrics(),
      health: () => ({ healthy: true }),
      periodSeconds: 3600,
      tls: { cert, key },
    });
    const { url } = await api.listen('127.0.0.1', 0);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const root = await httpsGet(`${url}/`, cert);
    expect(root.status).toBe(200);
    expect(JSON.parse(root.body)).toEqual({
      versions: [{ id: 'v2', links: [{ href: `${url}/v2`, rel: 'self' }], status: 'EXPERIMENTAL' }],
    });
    expect((await httpsGet(`${url}/healthz`, cert)).status).toBe(200);
    // A client that does not trust it is refused by TLS, not answered in clear.
    await expect(httpsGet(`${url}/healthz`, Buffer.from(''))).rejects.toThrow();
  });
});
