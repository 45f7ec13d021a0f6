import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { occupyPort } from '../testing/occupy-port.js';
import { instantQuery } from '../testing/prometheus-query.js';
import { type RunningPrometheus, startPrometheus } from './launcher.js';

const SMALL_DATASET = [
  '# TYPE small_gauge gauge\n',
  'small_gauge{project_id="p1"} 1 1767484800\n',
  'small_gauge{project_id="p1"} 2 1767484860\n',
  '# EOF\n',
];
const QUERY = `/api/v1/query?query=small_gauge&time=1767484860`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function httpsStatus(url: string, ca?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    httpsGet(url, { ca, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).once('error', reject);
  });
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kitty-launcher-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('startPrometheus', () => {
  test('serves a custom dataset given as chunks; stop() kills the process and removes the workDir', async () => {
    const prometheus = await startPrometheus({ dataset: SMALL_DATASET });
    expect(prometheus.baseUrl).toBe(`http://127.0.0.1:${prometheus.port}`);
    expect(prometheus.apiUrl).toBe(`${prometheus.baseUrl}/api/v1`);
    expect(prometheus.caFile).toBeUndefined();
    expect(prometheus.dataDir).toBe(join(prometheus.workDir, 'data'));
    expect(isAlive(prometheus.pid)).toBe(true);
    const results = await instantQuery(prometheus.apiUrl, 'small_gauge', '1767484860');
    expect(results).toEqual([
      { metric: { __name__: 'small_gauge', project_id: 'p1' }, value: [1767484860, '2'] },
    ]);
    // Logs go to files, not to the test output.
    expect(await readFile(join(prometheus.workDir, 'prometheus.stderr.log'), 'utf8')).toMatch(
      /Server is ready/,
    );

    await prometheus.stop();
    expect(isAlive(prometheus.pid)).toBe(false);
    expect(existsSync(prometheus.workDir)).toBe(false);
    await prometheus.stop();
  });

  test('a given workDir and port are used, and the workDir is kept', async () => {
    const workDir = join(scratch, 'kept');
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const prometheus = await startPrometheus({ dataset: SMALL_DATASET.join(''), workDir, port });
    try {
      expect(prometheus.port).toBe(port);
      expect(prometheus.workDir).toBe(workDir);
    } finally {
      await prometheus.stop();
    }
    expect(isAlive(prometheus.pid)).toBe(false);
    expect((await readdir(workDir)).sort()).toEqual(
      ['data', 'prometheus.stderr.log', 'prometheus.stdout.log', 'prometheus.yml', 'promtool.log'].sort(),
    );
    await expect(startPrometheus({ dataset: SMALL_DATASET, workDir })).rejects.toThrow(/is not empty/);
  });

  test.each(['SIGTERM', 'SIGKILL'] as const)(
    'restart(%s): down in whileDown, back on the same port with the same data and a new pid',
    async (signal) => {
      const prometheus = await startPrometheus({ dataset: SMALL_DATASET });
      try {
        const oldPid = prometheus.pid;
        let whileDown: unknown;
        await prometheus.restart({
          signal,
          whileDown: async () => {
            whileDown = await fetch(`${prometheus.baseUrl}${QUERY}`).catch((error: unknown) => error);
          },
        });
        expect(whileDown).toBeInstanceOf(TypeError); // fetch failed: connection refused
        expect(isAlive(oldPid)).toBe(false);
        expect(prometheus.pid).not.toBe(oldPid);
        expect(isAlive(prometheus.pid)).toBe(true);
        const result = await instantQuery(prometheus.apiUrl, 'small_gauge', '1767484860');
        expect(result.map((sample) => sample.value)).toEqual([[1767484860, '2']]);
        expect(existsSync(join(prometheus.workDir, 'prometheus.restart-1.stderr.log'))).toBe(true);
      } finally {
        await prometheus.stop();
      }
      expect(isAlive(prometheus.pid)).toBe(false);
      await expect(prometheus.restart()).rejects.toThrow('prometheus: restart() after stop()');
    },
  );

  describe('tls', () => {
    let prometheus: RunningPrometheus;
    beforeAll(async () => {
      prometheus = await startPrometheus({ dataset: SMALL_DATASET, tls: true });
    });
    afterAll(() => prometheus?.stop());

    test('answers over https when the CA file is trusted', async () => {
      expect(prometheus.baseUrl).toBe(`https://127.0.0.1:${prometheus.port}`);
      expect(prometheus.apiUrl).toBe(`${prometheus.baseUrl}/api/v1`);
      const ca = readFileSync(prometheus.caFile ?? '', 'utf8');
      expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const { status, body } = await httpsStatus(`${prometheus.baseUrl}${QUERY}`, ca);
      expect(status).toBe(200);
      expect(JSON.parse(body).data.result[0].value).toEqual([1767484860, '2']);
    });

    test('is rejected without the CA, and plain http gets no data', async () => {
      const error = await fetch(`${prometheus.baseUrl}${QUERY}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(((error as TypeError).cause as { code?: string }).code).toMatch(/SELF_SIGNED/);
      const plain = await fetch(`http://127.0.0.1:${prometheus.port}${QUERY}`);
      expect(plain.status).toBe(400);
    });
  });

  describe('basic auth', () => {
    let prometheus: RunningPrometheus;
    const auth = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });
    beforeAll(async () => {
      prometheus = await startPrometheus({
        dataset: SMALL_DATASET,
        basicAuth: { username: 'kitty', password: 'p@ss: "word"' },
      });
    });
    afterAll(() => prometheus?.stop());

    test('401 without or with wrong credentials, 200 with them', async () => {
      expect((await fetch(`${prometheus.baseUrl}${QUERY}`)).status).toBe(401);
      expect((await fetch(`${prometheus.baseUrl}/-/ready`)).status).toBe(401);
      const wrong = await fetch(`${prometheus.baseUrl}${QUERY}`, { headers: auth('kitty', 'nope') });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${prometheus.baseUrl}${QUERY}`, { headers: auth('kitty', 'p@ss: "word"') });
      expect(right.status).toBe(200);
    });
  });

  test('tls and basic auth together', async () => {
    const prometheus = await startPrometheus({
      dataset: SMALL_DATASET,
      tls: true,
      basicAuth: { username: 'u', password: 'p' },
    });
    try {
      const ca = readFileSync(prometheus.caFile ?? '', 'utf8');
      expect((await httpsStatus(`${prometheus.baseUrl}${QUERY}`, ca)).status).toBe(401);
      const authorization = `Basic ${Buffer.from('u:p').toString('base64')}`;
      expect((await httpsStatus(`${prometheus.baseUrl}${QUERY}`, ca, { authorization })).status).toBe(200);
    } finally {
      await prometheus.stop();
    }
  });
});

describe('startPrometheus failures', () => {
  async function tempDirsNow(): Promise<string[]> {
    return (await readdir(tmpdir())).filter((name) => name.startsWith('kitty-prometheus-'));
  }

  test('a dataset without # EOF is refused before promtool runs, and the temp dir is removed', async () => {
    const before = await tempDirsNow();
    await expect(startPrometheus({ dataset: 'small_gauge 1 1767484800\n' })).rejects.toThrow(
      /must end with "# EOF"/,
    );
    expect(await tempDirsNow()).toEqual(before);
  });

  test('a promtool error names the command and shows its output', async () => {
    const error = await startPrometheus({ dataset: '# TYPE x gauge\nx{ 1 2\n# EOF\n' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/promtool exited with code 1/);
    expect(message).toMatch(/command: promtool tsdb create-blocks-from openmetrics \S+dataset\.om \S+data/);
    expect(message).toMatch(/last lines of \S+promtool\.log:\n.*(parse|expected|invalid)/is);
  });

  test('a Prometheus that exits early: command and stderr in the error', async () => {
    const fake = join(scratch, 'fake-prometheus-exits.sh');
    await writeFile(fake, '#!/bin/sh\necho "fake: cannot start, args: $*" >&2\nexit 3\n');
    await chmod(fake, 0o755);
    vi.stubEnv('KITTY_PROMETHEUS_BIN', fake);
    const error = await startPrometheus({ dataset: SMALL_DATASET }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toMatch(/prometheus exited with code 3 before it was ready/);
    expect(message).toContain(`command: ${fake} --config.file=`);
    expect(message).toMatch(
      /fake: cannot start, args: --config\.file=.*--storage\.tsdb\.retention\.time=100y/,
    );
  });

  test('a missing binary is reported', async () => {
    vi.stubEnv('KITTY_PROMETHEUS_BIN', join(scratch, 'does-not-exist'));
    await expect(startPrometheus({ dataset: SMALL_DATASET })).rejects.toThrow(/does-not-exist/);
  });

  test('a Prometheus that never gets ready is killed after startTimeoutMs', async () => {
    const pidFile = join(scratch, 'hanging.pid');
    const fake = join(scratch, 'fake-prometheus-hangs.sh');
    await writeFile(fake, `#!/bin/sh\necho $$ > ${pidFile}\necho "hanging" >&2\nexec sleep 60\n`);
    await chmod(fake, 0o755);
    vi.stubEnv('KITTY_PROMETHEUS_BIN', fake);
    const started = Date.now();
    const error = await startPrometheus({ dataset: SMALL_DATASET, startTimeoutMs: 800 }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    const message = (error as Error).message;
    expect(message).toMatch(
      /prometheus did not become ready: http:\/\/127\.0\.0\.1:\d+\/-\/ready did not answer 200/,
    );
    expect(message).toMatch(/hanging/);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(isAlive(pid)).toBe(false);
  });

  test('an explicit port that is taken fails without retrying elsewhere', async () => {
    const taken = await occupyPort();
    try {
      await expect(startPrometheus({ dataset: SMALL_DATASET, port: taken.port })).rejects.toThrow(
        new RegExp(`port ${taken.port} is in use[\\s\\S]*address already in use`),
      );
    } finally {
      await taken.release();
    }
  });
});
