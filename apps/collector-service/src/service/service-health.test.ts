import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequest } from '../http/api-types.js';
import { NOAUTH_CONTEXT } from '../http/request-context.js';
import { healthzRoute } from '../http/routes/healthz.js';
import { CollectionHealth } from '../orchestrator/collection-health.js';
import type { PassResult } from '../orchestrator/orchestrator.js';
import { type PingableStorage, type ReplicaView, serviceHealth } from './service-health.js';

const AT = new Date('2026-01-04T12:00:00Z');
const PERIOD = 3600;
const answering: PingableStorage = { ping: () => {} };
const refusing = (message: string): PingableStorage => ({
  ping: () => Promise.reject(new Error(message)),
});
const okPass = (scopeIds: string[]): PassResult => ({
  ok: true,
  at: AT,
  summary: {
    scopes: scopeIds.length,
    heldElsewhere: 0,
    leasesLost: 0,
    inactive: 0,
    periodsStored: 1,
    periodsFailed: 0,
    points: 3,
    failedScopes: [],
  },
  scopeIds,
});

/** A loop's health on a clock the test moves. */
function loop() {
  let elapsedMs = 0;
  const collection = new CollectionHealth([], {
    periodSeconds: PERIOD,
    now: () => new Date(AT.getTime() + elapsedMs),
  });
  return {
    collection,
    move: (ms: number) => {
      elapsedMs += ms;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('serviceHealth', () => {
  it('healthy: the storage answers and the loop gets somewhere; the details say so', async () => {
    const { collection } = loop();
    collection.pass(okPass(['a', 'b']));
    const replica: ReplicaView = { replica: 'collector-1', scopesHeld: 2, replicas: 3 };
    const check = serviceHealth({ storage: answering, collection, coordination: () => replica });
    expect(await check()).toEqual({
      healthy: true,
      details: {
        storage: 'ok',
        lastPass: { at: AT.toISOString(), ok: true, scopes: 2, periodsStored: 1, periodsFailed: 0 },
        failingScopes: 0,
        replica,
      },
    });
  });

  it('without a loop (the api command), health is whether the storage answers', async () => {
    expect(await serviceHealth({ storage: answering })()).toEqual({
      healthy: true,
      details: { storage: 'ok' },
    });
    const syncThrow: PingableStorage = {
      ping: () => {
        throw new Error('database is locked');
      },
    };
    expect(await serviceHealth({ storage: syncThrow })()).toEqual({
      healthy: false,
      details: { reason: 'storage unreachable: database is locked', storage: 'unreachable' },
    });
  });

  it('storage first: an unreachable storage is the reason, whatever the loop says', async () => {
    const { collection, move } = loop();
    collection.pass({ ok: false, at: AT, error: new Error('Keystone is unavailable') });
    move(2 * PERIOD * 1000 + 1);
    const storageFailed = vi.fn();
    const check = serviceHealth({
      storage: refusing('connection refused'),
      collection,
      metrics: { storageFailed },
    });
    expect(await check()).toEqual({
      healthy: false,
      details: {
        reason: 'storage unreachable: connection refused',
        storage: 'unreachable',
        lastPass: { at: AT.toISOString(), ok: false },
      },
    });
    expect(storageFailed).toHaveBeenCalledExactlyOnceWith('ping');
  });

  it('then the pass age: exactly two periods is healthy, one ms more is not', async () => {
    const { collection, move } = loop();
    const check = serviceHealth({ storage: answering, collection });
    move(2 * PERIOD * 1000);
    expect(await check()).toEqual({ healthy: true, details: { storage: 'ok', lastPass: null } });
    move(1);
    expect(await check()).toEqual({
      healthy: false,
      details: {
        reason: 'no collection pass completed for 7201 s (more than two periods of 3600 s)',
        storage: 'ok',
        lastPass: null,
      },
    });
  });

  it('then the upstream: a failed pass, or every scope of the last pass failing', async () => {
    const { collection } = loop();
    const check = serviceHealth({ storage: answering, collection });
    collection.pass({ ok: false, at: AT, error: new Error('The keystone scope fetcher failed: refused') });
    expect(await check()).toMatchObject({
      healthy: false,
      details: { reason: 'the last collection pass failed: The keystone scope fetcher failed: refused' },
    });
    for (const scopeId of ['a', 'b']) {
      collection.period({
        scopeId,
        start: AT,
        end: AT,
        outcome: 'failed',
        points: 0,
        error: 'Prometheus down',
      });
    }
    collection.pass(okPass(['a', 'b']));
    expect(await check()).toMatchObject({
      healthy: false,
      details: {
        reason: 'the last collection of all 2 scopes failed; scope a: Prometheus down',
        storage: 'ok',
        failingScopes: 2,
      },
    });
    // Every scope leased to other replicas: nothing of this one is failing.
    collection.pass(okPass([]));
    expect(await check()).toMatchObject({ healthy: true, details: { failingScopes: 0 } });
  });

  it('a ping slower than the timeout is unreachable, and leaves no timer running', async () => {
    vi.useFakeTimers();
    const slow = (ms: number): PingableStorage => ({
      ping: () => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    });
    const inTime = serviceHealth({ storage: slow(1999) })();
    await vi.advanceTimersByTimeAsync(1999);
    expect(await inTime).toEqual({ healthy: true, details: { storage: 'ok' } });
    expect(vi.getTimerCount()).toBe(0);

    const late = serviceHealth({ storage: { ping: () => new Promise<void>(() => {}) } })();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await late).toEqual({
      healthy: false,
      details: { reason: 'storage unreachable: no answer within 2 s', storage: 'unreachable' },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes its timeout as an option, also for the coordination, whose failure is a detail only', async () => {
    vi.useFakeTimers();
    const answer = serviceHealth({
      storage: answering,
      coordination: () => new Promise<ReplicaView>(() => {}),
      timeoutMs: 50,
    })();
    await vi.advanceTimersByTimeAsync(50);
    expect(await answer).toEqual({
      healthy: true,
      details: { storage: 'ok', replica: { error: 'no answer within 0.05 s' } },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never quotes a URL password in a reason', async () => {
    const check = serviceHealth({ storage: refusing('connect to postgresql://u:secret@h/db refused') });
    expect(JSON.stringify(await check())).not.toContain('secret');
  });
});

describe('GET /healthz with serviceHealth', () => {
  const request: ApiRequest = {
    method: 'GET',
    url: new URL('http://127.0.0.1/healthz'),
    headers: {},
    context: NOAUTH_CONTEXT,
    json: async () => undefined,
  };

  it('answers 503 with the reason, without the password of a URL in the ping error', async () => {
    const storage: PingableStorage = {
      ping: async () => {
        throw new Error('could not connect to postgresql://u:secret@h/db: timeout');
      },
    };
    const response = await healthzRoute(serviceHealth({ storage }))(request);
    expect(response.status).toBe(503);
    expect(response.body).not.toContain('secret');
    expect(JSON.parse(response.body)).toEqual({
      status: 'unhealthy',
      reason: 'storage unreachable: could not connect to postgresql://h/db: timeout',
      storage: 'unreachable',
    });
  });

  it('answers 200 when healthy', async () => {
    const response = await healthzRoute(serviceHealth({ storage: answering }))(request);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok', storage: 'ok' });
  });
});
